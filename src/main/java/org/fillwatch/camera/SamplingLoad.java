package org.fillwatch.camera;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether sampling keeps up, and what it does when it does not. Every sample's lag (from when it was
 * due to when its picture reached vision) goes into a histogram; every sample shed because the
 * worker queue or the in-flight limit was full is counted. At each evaluation (every {@code window})
 * a p99 lag above {@code maxLag}, or any shed sample, stretches all cameras' intervals by what the
 * window says is missing: the samples that came due over those taken, plus a tenth to drain what
 * waits, at least x1.1 and at most x1.5 a window (at most {@code maxStretch} times the configured
 * interval). A fixed x1.5 overshot: at 4,000 cameras on a node that takes 57 samples a second the
 * stretch climbed to x2.3-2.9 and the node took 35-40. A calm window (p99 under half of
 * {@code maxLag}, nothing shed) shrinks the stretch back towards 1. So an overloaded node samples
 * less often instead of queueing without bound, and says so: {@link #report()} (health, metrics)
 * and a WARN at most once a minute while stretched.
 */
final class SamplingLoad {

    private static final Logger log = LoggerFactory.getLogger(SamplingLoad.class);

    /** Histogram buckets of 10 ms up to 2 minutes; later lags land in the last one. */
    private static final int BUCKET_MS = 10;
    private static final int BUCKETS = 12_000;
    private static final long WARN_EVERY_MS = 60_000;
    private static final double GROW = 1.5;
    /** The least growth of an overloaded window, also the headroom on top of the measured shortfall. */
    private static final double MIN_GROW = 1.1;
    private static final double SHRINK = 1.2;

    /**
     * @param stretch       factor on every camera's interval now (1 = as configured)
     * @param lagP99Ms      99th percentile of the lag over the last evaluated window
     * @param lagMaxMs      largest lag of that window
     * @param shed          samples shed since start: workers' queue or in-flight requests full
     * @param lastWindowOver the last window was over the limits (lag or shed samples)
     * @param stretchedSince when the stretch last left 1; null while at 1
     */
    record Report(double stretch, long lagP99Ms, long lagMaxMs, long samples, long shed, boolean lastWindowOver,
                  Instant stretchedSince) {

        /** Sampling less often than configured, because the node could not keep up. */
        boolean degraded() {
            return stretch > 1;
        }
    }

    private final long maxLagMs;
    private final double maxStretch;
    private final long[] window = new long[BUCKETS];
    private final long[] total = new long[BUCKETS];
    private long windowShed;
    private long windowMaxMs;
    private long totalSamples;
    private long totalShed;
    private long totalMaxMs;
    private volatile double stretch = 1;
    /**
     * The cameras' schedule runs on a virtual clock that advances 1/stretch as fast as real time, so
     * a stretch spreads the samples out evenly instead of keeping them bunched where they were due.
     */
    private long realAtChange;
    private double virtualAtChange;
    private Report last = new Report(1, 0, 0, 0, 0, false, null);
    private Instant stretchedSince;
    private long lastWarnMs = Long.MIN_VALUE / 2;

    SamplingLoad(Duration maxLag, double maxStretch) {
        this(maxLag, maxStretch, System.currentTimeMillis());
    }

    SamplingLoad(Duration maxLag, double maxStretch, long startMillis) {
        this.maxLagMs = maxLag.toMillis();
        this.maxStretch = maxStretch;
        this.realAtChange = startMillis;
        this.virtualAtChange = realAtChange;
    }

    synchronized void sampled(long lagMs) {
        int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, lagMs) / BUCKET_MS);
        window[bucket]++;
        total[bucket]++;
        windowMaxMs = Math.max(windowMaxMs, lagMs);
        totalMaxMs = Math.max(totalMaxMs, lagMs);
        totalSamples++;
    }

    synchronized void shed() {
        windowShed++;
        totalShed++;
    }

    double stretch() {
        return stretch;
    }

    /** The schedule's clock at real time {@code realMillis}. */
    synchronized double virtualTime(long realMillis) {
        return virtualAtChange + (realMillis - realAtChange) / stretch;
    }

    /** When, in real time, the schedule's clock shows {@code virtualMillis} (at the present stretch). */
    synchronized long realTime(double virtualMillis) {
        return realAtChange + Math.round((virtualMillis - virtualAtChange) * stretch);
    }

    /** Judges the window that ends now, adapts the stretch and starts a new window. */
    synchronized Report evaluate(Instant now) {
        long p99 = percentile(window, 0.99);
        boolean overloaded = p99 > maxLagMs || windowShed > 0;
        double before = stretch;
        virtualAtChange = virtualTime(now.toEpochMilli());
        realAtChange = now.toEpochMilli();
        if (overloaded) {
            long taken = count(window);
            double shortfall = (double) (taken + windowShed) / Math.max(1, taken);
            stretch = Math.min(maxStretch, stretch * Math.min(GROW, Math.max(MIN_GROW, shortfall * MIN_GROW)));
        } else if (p99 <= maxLagMs / 2) {
            stretch = Math.max(1, stretch / SHRINK);
        }
        if (before == 1 && stretch > 1) {
            stretchedSince = now;
        }
        if (overloaded && now.toEpochMilli() - lastWarnMs >= WARN_EVERY_MS) {
            lastWarnMs = now.toEpochMilli();
            log.warn("Sampling overloaded: p99 lag {} ms (limit {} ms), {} sample(s) shed in the last window;"
                    + " intervals stretched x{} (at most x{})", p99, maxLagMs, windowShed,
                    String.format(java.util.Locale.ROOT, "%.2f", stretch), maxStretch);
        } else if (before > 1 && stretch == 1) {
            log.info("Sampling keeps up again: intervals as configured (p99 lag {} ms)", p99);
            stretchedSince = null;
        }
        last = new Report(stretch, p99, windowMaxMs, totalSamples, totalShed, overloaded, stretchedSince);
        java.util.Arrays.fill(window, 0);
        windowShed = 0;
        windowMaxMs = 0;
        return last;
    }

    synchronized Report report() {
        return last;
    }

    /** Lag percentile over everything since start (or the last {@link #resetTotals()}), in ms. */
    synchronized long totalPercentile(double q) {
        return percentile(total, q);
    }

    synchronized long totalMaxMs() {
        return totalMaxMs;
    }

    synchronized void resetTotals() {
        java.util.Arrays.fill(total, 0);
        totalMaxMs = 0;
    }

    private static long count(long[] histogram) {
        long n = 0;
        for (long c : histogram) {
            n += c;
        }
        return n;
    }

    /** Upper edge of the bucket that holds the q-th sample; 0 when empty. */
    private static long percentile(long[] histogram, double q) {
        long n = count(histogram);
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return (long) (i + 1) * BUCKET_MS;
            }
        }
        return (long) BUCKETS * BUCKET_MS;
    }
}
