package org.fillwatch.camera;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of camera sampling ({@code fillwatch.cameras.*}).
 *
 * @param configDir      folder of the pavilion YAML files; read by the pavilion module, listed here so
 *                       that all camera settings are documented in one place
 * @param enabled        false: no camera is sampled (every status DISABLED); for tests of other modules
 * @param workers        threads that take samples; 0 means one per CPU core and one more (docs/performance.md:
 *                       on 2 cores, 3 workers carried 4,000 snapshot cameras where 2 carried 3,500)
 * @param queueSize      samples that may wait for a free worker; beyond that a due sample is skipped. Holds
 *                       a few seconds of a large node's samples (256 at 66 samples/s: 3.8 s, within the 5 s
 *                       lag budget), so that a burst (JIT warm-up, the incident storm) is absorbed rather
 *                       than shed; each waiting snapshot keeps its JPEG (about 120 kB at 1280x720)
 * @param backoffBase    wait after the first failure; doubles with each further failure
 * @param backoffMax     longest wait between two attempts
 * @param backoffJitter  random spread of each wait, as a fraction (0.2 = plus or minus 20 %)
 * @param connectTimeout longest wait for a connection to a network camera
 * @param readTimeout    longest wait for data from a connected camera; a stalled server frees the worker after it
 * @param maxInFlight    snapshot requests waiting for their answer at once (no thread each); beyond, a due
 *                       sample is shed
 * @param maxLag         sampling lag (due to picture in vision) whose 99th percentile over a window means
 *                       overload: intervals are stretched until it is met again
 * @param maxStretch     the most the intervals are stretched under overload (8 = 1 sample per 8 minutes
 *                       instead of per minute)
 * @param loadWindow     how often the sampling lag is judged and the stretch adapted
 * @param startRate      samples per second a node takes while it is still cold (just started)
 * @param startRamp      over this long after a start the rate of due samples rises from {@code start-rate}
 *                       to the cameras' full rate, each camera keeping its phase (0: all at full rate at once)
 */
@ConfigurationProperties("fillwatch.cameras")
public record CameraProperties(
        @DefaultValue("camera-config/demo") Path configDir,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") int workers,
        @DefaultValue("256") int queueSize,
        @DefaultValue("1s") Duration backoffBase,
        @DefaultValue("5m") Duration backoffMax,
        @DefaultValue("0.2") double backoffJitter,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("5s") Duration maxLag,
        @DefaultValue("8") double maxStretch,
        @DefaultValue("10s") Duration loadWindow,
        @DefaultValue("20") double startRate,
        @DefaultValue("30s") Duration startRamp) {

    /** The settings before overload handling existed, with its defaults. */
    public CameraProperties(Path configDir, boolean enabled, int workers, int queueSize, Duration backoffBase,
                            Duration backoffMax, double backoffJitter, Duration connectTimeout, Duration readTimeout) {
        this(configDir, enabled, workers, queueSize, backoffBase, backoffMax, backoffJitter, connectTimeout, readTimeout,
                256, Duration.ofSeconds(5), 8, Duration.ofSeconds(10), 20, Duration.ZERO);
    }

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public CameraProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("fillwatch.cameras.max-in-flight must be at least 1, got " + maxInFlight);
        }
        if (maxLag.isNegative() || maxLag.isZero() || loadWindow.isNegative() || loadWindow.isZero()) {
            throw new IllegalArgumentException("fillwatch.cameras.max-lag and load-window must be positive");
        }
        if (!(startRate > 0) || startRamp.isNegative()) {
            throw new IllegalArgumentException("fillwatch.cameras.start-rate must be positive and start-ramp not negative, got "
                    + startRate + " and " + startRamp);
        }
        if (!(maxStretch >= 1)) {
            throw new IllegalArgumentException("fillwatch.cameras.max-stretch must be at least 1, got " + maxStretch);
        }
        if (workers <= 0) {
            // a worker also waits (for a predictor, the storage queue, the readings' listeners): one spare keeps the cores busy
            workers = Runtime.getRuntime().availableProcessors() + 1;
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("fillwatch.cameras.queue-size must be at least 1, got " + queueSize);
        }
        if (backoffJitter < 0 || backoffJitter >= 1) {
            throw new IllegalArgumentException("fillwatch.cameras.backoff-jitter must be within 0..1, got " + backoffJitter);
        }
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("fillwatch.cameras.backoff-base must be positive and at most backoff-max");
        }
    }
}
