package org.fillwatch.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
 */
final class FillForecaster {

    /**
     * @param level       the fitted fill now, in %
     * @param ratePerHour percentage points per hour
     * @param fullAt      when the line reaches the full threshold
     */
    record Forecast(double level, double ratePerHour, Instant fullAt) {
    }

    /** Most points kept per container: Theil-Sen costs n²/2 slopes per forecast. */
    static final int MAX_POINTS = 120;

    private final Duration window;
    private final int minReadings;
    private final Duration minSpan;
    private final Map<String, Deque<double[]>> windows = new ConcurrentHashMap<>();

    FillForecaster(Duration window, int minReadings, Duration minSpan) {
        this.window = window;
        this.minReadings = Math.max(3, minReadings);
        this.minSpan = minSpan;
    }

    /** Adds the reading to its container's window and forecasts, when there is enough to go on. */
    Optional<Forecast> offer(FillReading reading, Thresholds thresholds) {
        if (reading.state() == FillState.UNKNOWN || reading.state() == FillState.ABSENT) {
            return Optional.empty();
        }
        Deque<double[]> points = windows.computeIfAbsent(reading.pavilionId() + "/" + reading.containerId(),
                k -> new ArrayDeque<>());
        synchronized (points) {
            double t = reading.time().getEpochSecond();
            double fill = reading.fillPercent();
            if (fill <= thresholds.emptiedPercent()
                    && points.stream().anyMatch(p -> p[1] >= thresholds.fullPercent())) {
                points.clear();
            }
            points.addLast(new double[] {t, fill});
            while (!points.isEmpty() && (points.size() > MAX_POINTS || points.peekFirst()[0] < t - window.toSeconds())) {
                points.removeFirst();
            }
            if (points.size() < minReadings || t - points.peekFirst()[0] < minSpan.toSeconds()) {
                return Optional.empty();
            }
            double t0 = points.peekFirst()[0];
            double[] x = points.stream().mapToDouble(p -> (p[0] - t0) / 3600.0).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            TheilSen.Line line = TheilSen.fit(x, y);
            double nowHours = (t - t0) / 3600.0;
            double level = line.at(nowHours);
            if (line.slope() <= 0) {
                return Optional.of(new Forecast(level, line.slope(), null));
            }
            double hoursToFull = Math.max(0, (thresholds.fullPercent() - level) / line.slope());
            return Optional.of(new Forecast(level, line.slope(),
                    reading.time().plusSeconds(Math.round(hoursToFull * 3600))));
        }
    }
}
