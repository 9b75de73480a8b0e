package org.fillwatch.vision;

import java.time.Instant;

/** A camera reported by {@link ViewTampered} shows its good view again. */
public record ViewRestored(String pavilionId, Instant at) {
}
