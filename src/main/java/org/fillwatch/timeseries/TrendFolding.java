package org.fillwatch.timeseries;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fillwatch.timeseries.FillTrends.DistrictFill;
import org.fillwatch.timeseries.FillTrends.WeekdayHourFill;

/**
 * What both stores share: they hand over sums and counts (per district, or per quarter hour), and
 * the means are made here, so the two stores give the same figures for the same readings.
 */
final class TrendFolding {

    /**
     * Weekday-hour slots are folded from quarter-hour sums: every zone offset in use is a multiple
     * of 15 minutes, so each quarter falls wholly into one local hour, also in +05:30 or +05:45.
     */
    static final long QUARTER_SECONDS = 900;

    private TrendFolding() {
    }

    /** A sum of fill values and how many readings it holds, for one key (district or quarter). */
    record Sum(String key, double sum, long count) {
    }

    static List<DistrictFill> districts(List<Sum> sums) {
        return sums.stream().filter(s -> s.count() > 0)
                .map(s -> new DistrictFill(s.key(), s.sum() / s.count(), s.count()))
                .sorted(Comparator.comparingDouble(DistrictFill::averageFillPercent).reversed()
                        .thenComparing(DistrictFill::district))
                .toList();
    }

    /** @param quarters sums keyed by the epoch second at which their quarter hour starts */
    static List<WeekdayHourFill> weekdayHours(List<Sum> quarters, ZoneId zone) {
        Map<Integer, double[]> slots = new TreeMap<>();
        for (Sum q : quarters) {
            ZonedDateTime local = Instant.ofEpochSecond(Long.parseLong(q.key())).atZone(zone);
            int slot = (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
            double[] acc = slots.computeIfAbsent(slot, s -> new double[2]);
            acc[0] += q.sum();
            acc[1] += q.count();
        }
        List<WeekdayHourFill> result = new ArrayList<>();
        slots.forEach((slot, acc) -> result.add(new WeekdayHourFill(DayOfWeek.of(slot / 24 + 1), slot % 24,
                acc[0] / acc[1], (long) acc[1])));
        return result;
    }
}
