package org.fillwatch.pavilion;

import java.time.Duration;

/**
 * How a pavilion's camera is reached and how often it is sampled.
 *
 * @param url      stream address as configured; may hold credentials, so log {@link #maskedUrl()} only
 * @param mode     how a sample is taken
 * @param interval time between two samples
 */
public record CameraSpec(String url, SamplingMode mode, Duration interval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    public String maskedUrl() {
        return StreamUrls.mask(url);
    }

    @Override
    public String toString() {
        return "CameraSpec[url=" + maskedUrl() + ", mode=" + mode + ", interval=" + interval + "]";
    }
}
