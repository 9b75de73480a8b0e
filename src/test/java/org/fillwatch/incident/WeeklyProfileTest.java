package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;

/**
 * A container next to offices: emptied at 07:00 every day, filling 7 pp/h from 08:00 to 18:00 on
 * weekdays only, still at night and over the weekend; read every 10 minutes with some noise. The
 * simulated clock is the readings' capture time.
 */
class WeeklyProfileTest {

    private final Thresholds thresholds = new Thresholds(80, 30, 3);
    private final Random noise = new Random(42);
    /** Monday. */
    private final Instant start = Instant.parse("2026-11-02T00:00:00Z");

    private static double fillAt(ZonedDateTime t) {
        boolean weekday = t.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
        double hours = t.getHour() + t.getMinute() / 60.0;
        if (hours < 7) {
            // what the day before left (the series starts on a Monday after a quiet Sunday)
            return t.minusDays(1).getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue() ? 75 : 5;
        }
        if (!weekday || hours < 8) {
            return 5;
        }
        return 5 + 7 * Math.min(10, hours - 8);
    }

    /** Feeds every 10 minutes from the start up to and including {@code until}; returns the forecasts by time. */
    private Map<Instant, Optional<FillForecaster.Forecast>> feed(FillForecaster forecaster, Instant until) {
        Map<Instant, Optional<FillForecaster.Forecast>> out = new HashMap<>();
        for (Instant t = start; !t.isAfter(until); t = t.plus(Duration.ofMinutes(10))) {
            double fill = fillAt(t.atZone(ZoneOffset.UTC)) + (noise.nextDouble() - 0.5);
            out.put(t, forecaster.offer(new FillReading(t, "p1", "c1", "d", "carrier-a", fill, FillState.PARTIAL, 0.9,
                    "m"), thresholds));
        }
        return out;
    }

    @Test
    void weekdayHourProfileSeesTheQuietNightAndWeekendThatALinearRateMisses() {
        Instant wednesdayEvening = Instant.parse("2026-11-11T18:00:00Z");
        Instant fridayEvening = Instant.parse("2026-11-13T18:00:00Z");
        Map<Instant, Optional<FillForecaster.Forecast>> profiled = feed(new FillForecaster(Duration.ofHours(6), 6,
                Duration.ofMinutes(30), Duration.ofDays(7), ZoneOffset.UTC), fridayEvening);
        noise.setSeed(42);
        Map<Instant, Optional<FillForecaster.Forecast>> linear = feed(new FillForecaster(Duration.ofHours(6), 6,
                Duration.ofMinutes(30), Duration.ofDays(60), ZoneOffset.UTC), fridayEvening);

        FillForecaster.Forecast early = profiled.get(Instant.parse("2026-11-06T17:00:00Z")).orElseThrow();
        assertThat(early.profiled()).as("less than 7 days of readings: the plain rate").isFalse();

        FillForecaster.Forecast plain = linear.get(wednesdayEvening).orElseThrow();
        assertThat(plain.fullAt()).as("a plain rate: full in the night")
                .isBetween(wednesdayEvening, Instant.parse("2026-11-11T20:00:00Z"));

        FillForecaster.Forecast wednesday = profiled.get(wednesdayEvening).orElseThrow();
        assertThat(wednesday.profiled()).isTrue();
        assertThat(wednesday.level()).isBetween(74.0, 76.0);
        // 5 pp to go at 7 pp/h from 08:00 on Thursday: 08:43
        assertThat(wednesday.fullAt()).isBetween(Instant.parse("2026-11-12T08:30:00Z"),
                Instant.parse("2026-11-12T09:00:00Z"));

        FillForecaster.Forecast friday = profiled.get(fridayEvening).orElseThrow();
        assertThat(friday.fullAt()).as("the weekend is quiet too").isBetween(Instant.parse("2026-11-16T08:30:00Z"),
                Instant.parse("2026-11-16T09:00:00Z"));
    }

    @Test
    void slotRatesAreMediansOfHourlyRatesAndEmptySlotsFallBack() {
        WeeklyProfile profile = new WeeklyProfile(ZoneOffset.UTC);
        Instant monday = start;
        // Monday 08:00-09:00: 6 pp/h with one wild reading in the middle
        double[] fills = {10, 11, 12, 30, 14, 15, 16};
        for (int i = 0; i < fills.length; i++) {
            profile.add(monday.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(10L * i)), fills[i]);
        }
        profile.add(monday.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(10)), 17);
        assertThat(profile.rate(monday.plus(Duration.ofHours(8)))).isEqualTo(6.0);
        assertThat(profile.rate(monday.plus(Duration.ofHours(13)))).isNaN();
        // from 17 at 09:10: the 09:00 slot is still open (no data): the fallback 2 pp/h gives 80 in 31.5 h
        Instant expected = monday.plus(Duration.ofMinutes(550)).plus(Duration.ofMinutes(31 * 60 + 30));
        assertThat(profile.fullAt(monday.plus(Duration.ofMinutes(550)), 17, 80, 2))
                .isBetween(expected.minusSeconds(1), expected.plusSeconds(1));
    }

    /** 20 Mondays at 08:00, each hour a little faster: the slot is the median of the last 8 weeks only. */
    @Test
    void aSlotKeepsItsLastEightWeeksOverMonthsOfReadings() {
        WeeklyProfile profile = new WeeklyProfile(ZoneOffset.UTC);
        for (int week = 0; week < 20; week++) {
            Instant hour = start.plus(Duration.ofDays(7L * week)).plus(Duration.ofHours(8));
            // a reading every 5 s: more than the 360 an hour holds, the last ones are left out
            for (int s = 0; s < 3600; s += 5) {
                profile.add(hour.plusSeconds(s), 10 + (week + 1) * s / 3600.0);
            }
            profile.add(hour.plus(Duration.ofMinutes(70)), 10);
        }
        // weeks 12..19 give rates 13..20 pp/h: median 16.5
        assertThat(profile.rate(start.plus(Duration.ofHours(8)))).isCloseTo(16.5, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(profile.rate(start.plus(Duration.ofHours(9)))).isNaN();
    }
}
