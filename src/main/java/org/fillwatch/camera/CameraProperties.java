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
 * @param workers        threads that take samples; 0 means one per CPU core
 * @param queueSize      samples that may wait for a free worker; beyond that a due sample is skipped
 * @param backoffBase    wait after the first failure; doubles with each further failure
 * @param backoffMax     longest wait between two attempts
 * @param backoffJitter  random spread of each wait, as a fraction (0.2 = plus or minus 20 %)
 * @param connectTimeout longest wait for a connection to a network camera
 * @param readTimeout    longest wait for data from a connected camera; a stalled server frees the worker after it
 */
@ConfigurationProperties("fillwatch.cameras")
public record CameraProperties(
        @DefaultValue("camera-config/demo") Path configDir,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") int workers,
        @DefaultValue("64") int queueSize,
        @DefaultValue("1s") Duration backoffBase,
        @DefaultValue("5m") Duration backoffMax,
        @DefaultValue("0.2") double backoffJitter,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    public CameraProperties {
        if (workers <= 0) {
            workers = Runtime.getRuntime().availableProcessors();
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
