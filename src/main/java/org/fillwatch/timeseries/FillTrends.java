package org.fillwatch.timeseries;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Aggregates of the stored readings over a period, for the city administration's trends, computed
 * by whichever store is configured (InfluxQL GROUP BY time and tags, or SQL on the embedded
 * table). Readings in state UNKNOWN or ABSENT say nothing about the fill and are left out of the
 * averages. Periods are half-open: {@code from <= time < to}.
 */
public interface FillTrends {

    /** Mean fill of all usable readings of each district, most filled first. */
    List<DistrictFill> fillByDistrict(Instant from, Instant to);

    /** Mean fill per weekday and hour of the day in {@code zone}; only the slots that have readings. */
    List<WeekdayHourFill> fillByWeekdayHour(Instant from, Instant to, ZoneId zone);

    /**
     * Per district, the number of clock hours (UTC hours, which are the local ones in every zone
     * with a whole-hour offset) in which at least one of its containers read OVERFLOWING.
     */
    List<OverflowHours> overflowHours(Instant from, Instant to);

    /** @param district empty for readings of pavilions without a district */
    record DistrictFill(String district, double averageFillPercent, long readings) {
    }

    /** @param hour 0..23, local */
    record WeekdayHourFill(DayOfWeek weekday, int hour, double averageFillPercent, long readings) {
    }

    record OverflowHours(String district, long hours) {
    }
}
