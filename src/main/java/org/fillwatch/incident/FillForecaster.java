package org.fillwatch.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;

/**
 * When will a container be full? A robust (Theil-Sen) line through its recent readings gives the
 * fill rate and the present level; the line's crossing of the full threshold is the forecast.
 * UNKNOWN readings are left out; a pickup (a reading at or below the emptied threshold after the
 * window saw the container full) starts a new window, since the old line no longer applies.
 *
 * <p>Once a container's readings cover {@code profileHistory} (default 7 days), its {@link WeeklyProfile}
 * takes over the time to full: the rate of each coming weekday-hour is integrated forward from the
 * present fill, so a container that only fills in working hours is not forecast full in the night.
 * The window's Theil-Sen rate stands in for slots the profile has no data for.
 */
final class FillForecaster {

    /**
     * @param level       the fitted fill now, in %
     * @param ratePerHour percentage points per hour
     * @param fullAt      when the line reaches the full threshold
     */
    record Forecast(double level, double ratePerHour, Instant fullAt, boolean profiled) {
        Forecast(double level, double ratePerHour, Instant fullAt) {
            this(level, ratePerHour, fullAt, false);
        }
    }

    /** Most points kept per container: Theil-Sen costs n²/2 slopes per forecast. */
    static final int MAX_POINTS = 120;

    private final Duration window;
    private final int minReadings;
    private final Duration minSpan;
    private final Duration profileHistory;
    private final ZoneId zone;
    private final Map<String, Deque<double[]>> windows = new ConcurrentHashMap<>();
    private final Map<String, WeeklyProfile> profiles = new ConcurrentHashMap<>();

    FillForecaster(Duration window, int minReadings, Duration minSpan) {
        this(window, minReadings, minSpan, Duration.ofDays(7), ZoneOffset.UTC);
    }

    /**
     * @param profileHistory readings must cover this long before the weekday-hour profile is used
     * @param zone           whose weekdays and hours the profile's slots are
     */
    FillForecaster(Duration window, int minReadings, Duration minSpan, Duration profileHistory, ZoneId zone) {
        this.window = window;
        this.minReadings = Math.max(3, minReadings);
        this.minSpan = minSpan;
        this.profileHistory = profileHistory;
        this.zone = zone;
    }

    /**
     * Drops the fit windows of every container of the pavilion. The weekday-hour profiles stay: a
     * slot is a median over weeks, so a gap while another instance sampled the camera only thins it.
     */
    void forget(String pavilionId) {
        windows.keySet().removeIf(key -> key.startsWith(pavilionId + "/"));
    }

    /** Adds the reading to its container's window and forecasts, when there is enough to go on. */
    Optional<Forecast> offer(FillReading reading, Thresholds thresholds) {
        return take(reading, thresholds, true);
    }

    /**
     * Adds the reading to its container's window without a forecast: for a container whose incident
     * is open, which needs none, while the fit is most of what a reading costs the rules.
     */
    void record(FillReading reading, Thresholds thresholds) {
        take(reading, thresholds, false);
    }

    private Optional<Forecast> take(FillReading reading, Thresholds thresholds, boolean forecast) {
        if (reading.state() == FillState.UNKNOWN || reading.state() == FillState.ABSENT) {
            return Optional.empty();
        }
        String key = reading.pavilionId() + "/" + reading.containerId();
        Deque<double[]> points = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        WeeklyProfile profile = profiles.computeIfAbsent(key, k -> new WeeklyProfile(zone));
        synchronized (points) {
            profile.add(reading.time(), reading.fillPercent());
            double t = reading.time().getEpochSecond();
            add(points, reading, thresholds);
            if (!forecast || points.size() < minReadings || t - points.peekFirst()[0] < minSpan.toSeconds()) {
                return Optional.empty();
            }
            double t0 = points.peekFirst()[0];
            double[] x = points.stream().mapToDouble(p -> (p[0] - t0) / 3600.0).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            TheilSen.Line line = TheilSen.fit(x, y);
            double nowHours = (t - t0) / 3600.0;
            double level = line.at(nowHours);
            if (profile.covers(profileHistory)) {
                return Optional.of(profiled(profile, reading.time(), x, y, nowHours, line.slope(), thresholds));
            }
            if (line.slope() <= 0) {
                return Optional.of(new Forecast(level, line.slope(), null));
            }
            double hoursToFull = Math.max(0, (thresholds.fullPercent() - level) / line.slope());
            return Optional.of(new Forecast(level, line.slope(),
                    reading.time().plusSeconds(Math.round(hoursToFull * 3600))));
        }
    }

    /** Appends a usable reading to the window: a pickup starts a new one, old or surplus points drop out. */
    private void add(Deque<double[]> points, FillReading reading, Thresholds thresholds) {
        double t = reading.time().getEpochSecond();
        double fill = reading.fillPercent();
        if (fill <= thresholds.emptiedPercent() && points.stream().anyMatch(p -> p[1] >= thresholds.fullPercent())) {
            points.clear();
        }
        points.addLast(new double[] {t, fill});
        while (!points.isEmpty() && (points.size() > MAX_POINTS || points.peekFirst()[0] < t - window.toSeconds())) {
            points.removeFirst();
        }
    }

    /** Whether this instance holds a fit window for the container (not after a start or a camera move). */
    boolean knows(String pavilionId, String containerId) {
        return windows.containsKey(pavilionId + "/" + containerId);
    }

    /** The window length: how far back {@link #seed} needs readings. */
    Duration window() {
        return window;
    }

    /**
     * Fills the container's window with its earlier readings (oldest first, e.g. from the time-series
     * store), so that a restarted instance, or one that just took the camera over, forecasts at once
     * instead of after {@code min-span}. The weekday-hour profile is left alone.
     */
    void seed(String pavilionId, String containerId, List<FillReading> earlier, Thresholds thresholds) {
        Deque<double[]> points = windows.computeIfAbsent(pavilionId + "/" + containerId, k -> new ArrayDeque<>());
        synchronized (points) {
            if (!points.isEmpty()) {
                return;
            }
            earlier.stream()
                    .filter(r -> r.state() != FillState.UNKNOWN && r.state() != FillState.ABSENT)
                    .sorted(java.util.Comparator.comparing(FillReading::time))
                    .forEach(r -> add(points, r, thresholds));
        }
    }

    /**
     * The present fill for the profile comes from a line through the last hour's readings (at least
     * three): the whole window's line would carry a day's rate on into a quiet evening.
     */
    private static Forecast profiled(WeeklyProfile profile, Instant now, double[] x, double[] y, double nowHours,
                                     double fallbackRate, Thresholds thresholds) {
        int from = x.length - 3;
        while (from > 0 && x[from - 1] >= nowHours - 1) {
            from--;
        }
        double[] recentX = Arrays.copyOfRange(x, from, x.length);
        double level = recentX[0] == nowHours ? y[y.length - 1]
                : TheilSen.fit(recentX, Arrays.copyOfRange(y, from, y.length)).at(nowHours);
        double slotRate = profile.rate(now);
        return new Forecast(level, Double.isNaN(slotRate) ? fallbackRate : slotRate,
                profile.fullAt(now, level, thresholds.fullPercent(), fallbackRate), true);
    }
}
