package org.fillwatch.camera;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter, so that many cameras lost at once do not all retry in step. */
record Backoff(Duration base, Duration max, double jitter) {

    /** The wait after the {@code failures}-th failure in a row (1 = first): base * 2^(failures-1), capped, spread by jitter. */
    Duration delay(int failures, DoubleSupplier random) {
        double exponential = base.toMillis() * Math.pow(2, Math.min(Math.max(failures, 1) - 1, 30));
        double capped = Math.min(exponential, max.toMillis());
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * spread)));
    }
}
