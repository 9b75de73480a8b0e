package org.fillwatch.camera;

import java.time.Duration;
import java.util.List;

/**
 * When a start's first samples come due. Each camera keeps its phase in its interval (the even spread
 * that keeps a city's load flat), but while the node is cold a share of the cameras skip their first
 * slots: the rate of due samples rises linearly from {@code start-rate} to the city's full rate over
 * {@code start-ramp}. A node that has just started runs its code interpreted and loads native
 * libraries; at 5,000 cameras its first ten seconds took 22-38 of the 83 samples due per second and
 * shed the rest (the capacity benchmark's warm-up), then stretched the intervals into the minute after.
 * A city small enough for {@code start-rate} starts at once. Without a ramp (cameras taken over
 * from a failed cluster member, on a warm node) the cameras are only spread over their interval.
 */
final class SlowStart {

    /** Golden-ratio steps: each camera's draw, evenly spread over any run of consecutive cameras. */
    private static final double GOLDEN = 0.6180339887498949;

    private final double fullRate;
    private final double startRate;
    private final long rampMillis;

    /** @param fullRate samples per second of all the cameras together (the sum of 1 / interval) */
    SlowStart(double fullRate, double startRate, Duration ramp) {
        this.fullRate = fullRate;
        this.startRate = startRate;
        this.rampMillis = ramp.toMillis();
    }

    /** For cameras of these intervals started together. */
    static SlowStart of(List<Duration> intervals, double startRate, Duration ramp) {
        return new SlowStart(intervals.stream().mapToDouble(i -> 1000.0 / Math.max(1, i.toMillis())).sum(), startRate, ramp);
    }

    /** Samples per second of all the cameras together. */
    double fullRate() {
        return fullRate;
    }

    /** Whether any camera's first sample is put off. */
    boolean ramps() {
        return rampMillis > 0 && fullRate > startRate;
    }

    /**
     * The first-sample delays (ms) of cameras started together, in their order: the n-th of N at
     * n/N of its interval, and put off by whole intervals as the ramp needs.
     */
    long[] firstDelays(List<Duration> intervals) {
        long[] delays = new long[intervals.size()];
        for (int n = 0; n < delays.length; n++) {
            long interval = intervals.get(n).toMillis();
            delays[n] = firstDelay(n, interval * n / delays.length, interval);
        }
        return delays;
    }

    /**
     * @param n        the camera's place in the start order (0, 1, ...)
     * @param phase    where in its interval its samples fall, from the start, in ms
     * @param interval its interval in ms
     * @return the delay of its first sample: its phase, plus as many whole intervals as the ramp needs
     */
    private long firstDelay(int n, long phase, long interval) {
        if (!ramps()) {
            return phase;
        }
        double draw = ((n + 1) * GOLDEN) % 1.0;
        // the ramp admits a share (startRate + (fullRate - startRate) t / ramp) / fullRate of the cameras by time t
        double notBefore = rampMillis * (draw * fullRate - startRate) / (fullRate - startRate);
        if (phase >= notBefore) {
            return phase;
        }
        return phase + (long) Math.ceil((notBefore - phase) / interval) * interval;
    }
}
