package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.timeseries.FillTrends.DistrictFill;
import org.fillwatch.timeseries.FillTrends.OverflowHours;
import org.fillwatch.timeseries.FillTrends.WeekdayHourFill;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FillTrends} must answer for the same readings: nine days of readings of six
 * containers in three districts (one without a district), with UNKNOWN and ABSENT ones and some
 * outside the period. The expected figures are computed here straight from the readings written,
 * reading by reading, not with the stores' bucketing.
 */
abstract class FillTrendsContract {

    static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(9));

    private FillTrends trends;
    private Consumer<ReadingsRecorded> store;

    /** Subclasses hand over a fresh, empty store before each test: its trends and its own write path. */
    void use(FillTrends trends, Consumer<ReadingsRecorded> store) {
        this.trends = trends;
        this.store = store;
    }

    private FillTrends trends() {
        return trends;
    }

    /** Hands the readings over a frame's worth at a time, as the reading module does. */
    private void write(List<FillReading> readings) {
        for (int i = 0; i < readings.size(); i += 6) {
            store.accept(new ReadingsRecorded(readings.subList(i, Math.min(readings.size(), i + 6))));
        }
        awaitStored(readings.size());
    }

    /** For stores that write in the background: returns once that many readings can be queried. */
    void awaitStored(int readings) {
    }

    static List<FillReading> readings() {
        List<FillReading> readings = new ArrayList<>();
        String[] districts = {"Centre", "North", null};
        int n = 0;
        // from an hour before the period to an hour after it: the edges must be left out
        for (Instant t = FROM.minus(Duration.ofHours(1)); !t.isAfter(TO.plus(Duration.ofHours(1)));
             t = t.plus(Duration.ofMinutes(20))) {
            for (int c = 0; c < 6; c++) {
                n++;
                double fill = (n * 37 + c * 11) % 104;
                FillState state = n % 13 == 0 ? FillState.UNKNOWN : n % 17 == 0 ? FillState.ABSENT
                        : fill > 100 ? FillState.OVERFLOWING : fill >= 80 ? FillState.FULL
                        : fill <= 20 ? FillState.EMPTY : FillState.PARTIAL;
                readings.add(new FillReading(t, "p" + (c / 2), "c" + c, districts[c % 3], "carrier-a",
                        Math.min(fill, 100), state, 0.9, "test"));
            }
        }
        return readings;
    }

    private static boolean inPeriod(FillReading r) {
        return !r.time().isBefore(FROM) && r.time().isBefore(TO);
    }

    private static boolean usable(FillReading r) {
        return inPeriod(r) && r.state() != FillState.UNKNOWN && r.state() != FillState.ABSENT;
    }

    private static String district(FillReading r) {
        return r.district() == null ? "" : r.district();
    }

    @Test
    void averageFillByDistrict() {
        List<FillReading> readings = readings();
        write(readings);
        Map<String, double[]> expected = new TreeMap<>();
        readings.stream().filter(FillTrendsContract::usable).forEach(r -> {
            double[] acc = expected.computeIfAbsent(district(r), d -> new double[2]);
            acc[0] += r.fillPercent();
            acc[1]++;
        });

        List<DistrictFill> actual = trends().fillByDistrict(FROM, TO);

        assertThat(actual).extracting(DistrictFill::district).containsExactlyInAnyOrder("Centre", "North", "");
        for (DistrictFill d : actual) {
            double[] acc = expected.get(d.district());
            assertThat(d.readings()).isEqualTo((long) acc[1]);
            assertThat(d.averageFillPercent()).isCloseTo(acc[0] / acc[1], within(1e-6));
        }
        assertThat(actual).isSortedAccordingTo((a, b) -> Double.compare(b.averageFillPercent(), a.averageFillPercent()));
    }

    @Test
    void averageFillByWeekdayAndHourInTheCityZone() {
        List<FillReading> readings = readings();
        write(readings);
        // +05:30: a zone whose hours do not start at UTC hours
        for (ZoneId zone : List.of(ZoneId.of("Asia/Almaty"), ZoneId.of("Asia/Kolkata"))) {
            Map<String, double[]> expected = new TreeMap<>();
            readings.stream().filter(FillTrendsContract::usable).forEach(r -> {
                ZonedDateTime local = r.time().atZone(zone);
                double[] acc = expected.computeIfAbsent(local.getDayOfWeek() + "/" + local.getHour(), k -> new double[2]);
                acc[0] += r.fillPercent();
                acc[1]++;
            });

            List<WeekdayHourFill> actual = trends().fillByWeekdayHour(FROM, TO, zone);

            assertThat(actual).as(zone.getId()).hasSize(7 * 24);
            for (WeekdayHourFill slot : actual) {
                double[] acc = expected.get(slot.weekday() + "/" + slot.hour());
                assertThat(slot.readings()).as(zone + " " + slot).isEqualTo((long) acc[1]);
                assertThat(slot.averageFillPercent()).as(zone + " " + slot).isCloseTo(acc[0] / acc[1], within(1e-6));
            }
            assertThat(actual.get(0).weekday()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(actual.get(0).hour()).isZero();
        }
    }

    @Test
    void overflowHoursPerDistrictCountEachHourOnce() {
        List<FillReading> readings = readings();
        write(readings);
        Map<String, Set<Long>> expected = new TreeMap<>();
        readings.stream().filter(r -> inPeriod(r) && r.state() == FillState.OVERFLOWING)
                .forEach(r -> expected.computeIfAbsent(district(r), d -> new HashSet<>())
                        .add(r.time().getEpochSecond() / 3600));
        assertThat(expected).isNotEmpty();

        List<OverflowHours> actual = trends().overflowHours(FROM, TO);

        assertThat(actual).hasSize(expected.size());
        for (OverflowHours h : actual) {
            assertThat(h.hours()).as(h.district()).isEqualTo(expected.get(h.district()).size());
        }
    }

    @Test
    void emptyPeriodHasNoRows() {
        write(readings());
        Instant later = TO.plus(Duration.ofDays(30));
        assertThat(trends().fillByDistrict(later, later.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(trends().fillByWeekdayHour(later, later.plus(Duration.ofDays(1)), ZoneId.of("UTC"))).isEmpty();
        assertThat(trends().overflowHours(later, later.plus(Duration.ofDays(1)))).isEmpty();
    }

}
