package org.fillwatch.timeseries;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.fillwatch.timeseries.TrendFolding.Sum;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Trends from table fill_reading with SQL that H2 (MODE=PostgreSQL) and PostgreSQL both run: the
 * database sums, only a row per district or per quarter hour comes back.
 */
class EmbeddedFillTrends implements FillTrends {

    private static final String USABLE = " reading_time >= ? AND reading_time < ? AND state NOT IN ('UNKNOWN', 'ABSENT')";

    private final JdbcClient jdbc;
    /** Waits for the readings still queued for the table: an answer includes all recorded so far. */
    private final Runnable pending;

    EmbeddedFillTrends(JdbcClient jdbc, Runnable pending) {
        this.jdbc = jdbc;
        this.pending = pending;
    }

    @Override
    public List<DistrictFill> fillByDistrict(Instant from, Instant to) {
        pending.run();
        return TrendFolding.districts(jdbc.sql("SELECT COALESCE(district, '') AS k, SUM(fill_pct) AS s, COUNT(*) AS n "
                        + "FROM fill_reading WHERE" + USABLE + " GROUP BY COALESCE(district, '')")
                .params(utc(from), utc(to))
                .query((rs, row) -> new Sum(rs.getString("k"), rs.getDouble("s"), rs.getLong("n"))).list());
    }

    @Override
    public List<WeekdayHourFill> fillByWeekdayHour(Instant from, Instant to, ZoneId zone) {
        pending.run();
        String quarter = "FLOOR(EXTRACT(EPOCH FROM reading_time) / " + TrendFolding.QUARTER_SECONDS + ")";
        List<Sum> quarters = jdbc.sql("SELECT " + quarter + " AS q, SUM(fill_pct) AS s, COUNT(*) AS n "
                        + "FROM fill_reading WHERE" + USABLE + " GROUP BY " + quarter)
                .params(utc(from), utc(to))
                .query((rs, row) -> new Sum(Long.toString(rs.getLong("q") * TrendFolding.QUARTER_SECONDS),
                        rs.getDouble("s"), rs.getLong("n")))
                .list();
        return TrendFolding.weekdayHours(quarters, zone);
    }

    @Override
    public List<OverflowHours> overflowHours(Instant from, Instant to) {
        pending.run();
        return jdbc.sql("SELECT COALESCE(district, '') AS k, COUNT(DISTINCT FLOOR(EXTRACT(EPOCH FROM reading_time) / 3600)) AS h "
                        + "FROM fill_reading WHERE reading_time >= ? AND reading_time < ? AND state = 'OVERFLOWING' "
                        + "GROUP BY COALESCE(district, '') ORDER BY h DESC, k")
                .params(utc(from), utc(to))
                .query((rs, row) -> new OverflowHours(rs.getString("k"), rs.getLong("h"))).list();
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
