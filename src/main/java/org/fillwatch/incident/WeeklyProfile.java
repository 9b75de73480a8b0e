package org.fillwatch.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * One container's fill rate per weekday-hour slot (168 slots), for containers that fill with the
 * rhythm of the week (shops, offices: fast in working hours, still at night). Memory stays bounded:
 * only the current hour's readings are held; a finished hour leaves one number in its slot, its
 * Theil-Sen rate (the median of the rates between all pairs of its readings: consecutive-interval
 * rates alone amplify noise, and their medians do not add up to the hour's change). A slot keeps the
 * last {@link #WEEKS} of them and its rate is their median, so one odd hour (a bag dumped, a misread)
 * does not make the profile.
 *
 * <p>A node holds one profile per container (12,000 at 4,000 cameras), so the slots are one flat
 * float array and the slot counts made at the first finished hour (6 kB), and the current hour's readings grow as they
 * come (about 60 at one a minute): eagerly allocated double[168][8] slots and two 360-reading
 * buffers were 20 kB per container, 240 MB of live heap at 4,000 cameras that G1 marked over and over
 * (docs/performance.md, "Session 7").
 */
final class WeeklyProfile {

    static final int SLOTS = 7 * 24;
    /** Weeks of hourly rates kept per slot. */
    static final int WEEKS = 8;
    /** A fall this large between two readings is a pickup, not a fill rate: the hour starts again. */
    static final double PICKUP_DROP = 20;
    /** Most readings held for the current hour (a reading every 10 s). */
    static final int MAX_PER_HOUR = 360;
    /** An hour gives a rate only from this many readings, spanning at least {@link #MIN_HOUR_SPAN}. */
    static final int MIN_PER_HOUR = 3;
    static final double MIN_HOUR_SPAN = 1 / 3.0;
    /** A forecast further than this is no forecast. */
    static final Duration HORIZON = Duration.ofDays(14);

    private final ZoneId zone;
    /** WEEKS rates (pp per hour; float is plenty) per slot, slot after slot; null until an hour has finished. */
    private float[] hourly;
    private int[] counts;
    private double[] hourX = new double[8];
    private double[] hourY = new double[8];
    private int inHour;
    private long currentHour = Long.MIN_VALUE;
    private Instant first;
    private Instant lastTime;
    private double lastFill;

    WeeklyProfile(ZoneId zone) {
        this.zone = zone;
    }

    /** Adds one usable reading; readings must come in time order (older ones are ignored). */
    void add(Instant time, double fill) {
        if (first == null) {
            first = time;
        }
        if (lastTime != null && !time.isAfter(lastTime)) {
            return;
        }
        long hour = time.getEpochSecond() / 3600;
        if (hour != currentHour) {
            closeHour();
            currentHour = hour;
        }
        if (lastTime != null && fill - lastFill < -PICKUP_DROP) {
            inHour = 0;
        }
        if (inHour < MAX_PER_HOUR) {
            if (inHour == hourX.length) {
                hourX = Arrays.copyOf(hourX, Math.min(MAX_PER_HOUR, 2 * inHour));
                hourY = Arrays.copyOf(hourY, hourX.length);
            }
            hourX[inHour] = (time.getEpochSecond() - hour * 3600) / 3600.0;
            hourY[inHour++] = fill;
        }
        lastTime = time;
        lastFill = fill;
    }

    /** The profile is used once readings cover this long. */
    boolean covers(Duration history) {
        return first != null && lastTime != null && Duration.between(first, lastTime).compareTo(history) >= 0;
    }

    /** Median of the slot's hourly rates, NaN when it has none yet. */
    double rate(Instant at) {
        if (hourly == null) {
            return Double.NaN;
        }
        int slot = slot(at);
        int n = Math.min(counts[slot], WEEKS);
        if (n == 0) {
            return Double.NaN;
        }
        double[] rates = new double[n];
        for (int i = 0; i < n; i++) {
            rates[i] = hourly[slot * WEEKS + i];
        }
        return TheilSen.median(rates);
    }

    /**
     * Steps the profile forward hour by hour from {@code level} at {@code from} to the time it reaches
     * {@code full}; slots without data use {@code fallbackRate}. Null when not within {@link #HORIZON}.
     */
    Instant fullAt(Instant from, double level, double full, double fallbackRate) {
        Instant t = from;
        Instant end = from.plus(HORIZON);
        while (t.isBefore(end)) {
            if (level >= full) {
                return t;
            }
            Instant hourEnd = Instant.ofEpochSecond((t.getEpochSecond() / 3600 + 1) * 3600);
            double hours = Duration.between(t, hourEnd).toMillis() / 3_600_000.0;
            double slotRate = rate(t);
            double r = Double.isNaN(slotRate) ? fallbackRate : slotRate;
            if (r > 0 && level + r * hours >= full) {
                return t.plusMillis(Math.round((full - level) / r * 3_600_000.0));
            }
            level = Math.max(0, level + r * hours);
            t = hourEnd;
        }
        return null;
    }

    private void closeHour() {
        if (inHour >= MIN_PER_HOUR && hourX[inHour - 1] - hourX[0] >= MIN_HOUR_SPAN) {
            if (hourly == null) {
                hourly = new float[SLOTS * WEEKS];
                counts = new int[SLOTS];
            }
            int slot = slot(Instant.ofEpochSecond(currentHour * 3600));
            hourly[slot * WEEKS + counts[slot] % WEEKS] = (float) TheilSen.fit(Arrays.copyOf(hourX, inHour),
                    Arrays.copyOf(hourY, inHour)).slope();
            counts[slot]++;
        }
        inHour = 0;
    }

    private int slot(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }
}
