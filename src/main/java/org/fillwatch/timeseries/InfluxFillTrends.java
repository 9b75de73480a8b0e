package org.fillwatch.timeseries;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fillwatch.timeseries.TrendFolding.Sum;
import org.influxdb.dto.QueryResult;

/**
 * Trends from measurement {@code fill_level} with InfluxQL: GROUP BY the district tag, or GROUP BY
 * time(15m) / time(1h), so InfluxDB does the summing and only one row per group comes back.
 */
class InfluxFillTrends implements FillTrends {

    private static final String PERIOD = " time >= $from AND time < $to";
    private static final String USABLE = PERIOD + " AND state != 'UNKNOWN' AND state != 'ABSENT'";

    private final InfluxFillStore store;

    InfluxFillTrends(InfluxFillStore store) {
        this.store = store;
    }

    @Override
    public List<DistrictFill> fillByDistrict(Instant from, Instant to) {
        QueryResult result = store.queryPeriod("SELECT sum(fill_pct), count(fill_pct) FROM "
                + InfluxFillStore.MEASUREMENT + " WHERE" + USABLE + " GROUP BY district", from, to);
        List<Sum> sums = new ArrayList<>();
        forEachRow(result, (tags, row) -> sums.add(new Sum(tags.getOrDefault("district", ""), number(row.get(1)),
                (long) number(row.get(2)))));
        return TrendFolding.districts(sums);
    }

    @Override
    public List<WeekdayHourFill> fillByWeekdayHour(Instant from, Instant to, ZoneId zone) {
        QueryResult result = store.queryPeriod("SELECT sum(fill_pct), count(fill_pct) FROM "
                + InfluxFillStore.MEASUREMENT + " WHERE" + USABLE + " GROUP BY time("
                + TrendFolding.QUARTER_SECONDS + "s) fill(none)", from, to);
        List<Sum> quarters = new ArrayList<>();
        forEachRow(result, (tags, row) -> quarters.add(new Sum(Long.toString((long) number(row.get(0)) / 1000),
                number(row.get(1)), (long) number(row.get(2)))));
        return TrendFolding.weekdayHours(quarters, zone);
    }

    @Override
    public List<OverflowHours> overflowHours(Instant from, Instant to) {
        // one row per hour that has an overflowing reading, per district series
        QueryResult result = store.queryPeriod("SELECT count(fill_pct) FROM " + InfluxFillStore.MEASUREMENT
                + " WHERE" + PERIOD + " AND state = 'OVERFLOWING' GROUP BY time(1h), district fill(none)", from, to);
        Map<String, Long> hours = new TreeMap<>();
        forEachRow(result, (tags, row) -> hours.merge(tags.getOrDefault("district", ""), 1L, Long::sum));
        return hours.entrySet().stream().map(e -> new OverflowHours(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(OverflowHours::hours).reversed()
                        .thenComparing(OverflowHours::district))
                .toList();
    }

    private interface RowSink {
        void accept(Map<String, String> tags, List<Object> row);
    }

    private static void forEachRow(QueryResult result, RowSink sink) {
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : r.getSeries()) {
                Map<String, String> tags = series.getTags() == null ? Map.of() : series.getTags();
                series.getValues().forEach(row -> sink.accept(tags, row));
            }
        }
    }

    private static double number(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }
}
