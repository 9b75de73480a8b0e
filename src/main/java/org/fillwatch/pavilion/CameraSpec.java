package org.fillwatch.pavilion;

import java.time.Duration;

/**
 * How a pavilion's camera is reached and how often it is sampled.
 *
 * @param url      stream address as configured; may hold credentials, so log {@link #maskedUrl()} only
 * @param mode     how a sample is taken
 * @param interval time between two samples
 * @param format   FFmpeg input format to force (e.g. "mpjpeg" for HTTP MJPEG), null to let FFmpeg probe
 */
public record CameraSpec(String url, SamplingMode mode, Duration interval, String format) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    /** Without a forced input format; kept so callers written before {@code format} existed compile. */
    public CameraSpec(String url, SamplingMode mode, Duration interval) {
        this(url, mode, interval, null);
    }

    public String maskedUrl() {
        return StreamUrls.mask(url);
    }

    @Override
    public String toString() {
        return "CameraSpec[url=" + maskedUrl() + ", mode=" + mode + ", interval=" + interval
                + (format == null ? "" : ", format=" + format) + "]";
    }
}
