package org.fillwatch.vision;

import java.time.Instant;

/**
 * A camera's picture was black, blurred, frozen or showed a moved view for the configured number
 * of samples in a row; its containers read UNKNOWN until {@link ViewRestored}.
 *
 * @param reason black, blurred, frozen or moved
 */
public record ViewTampered(String pavilionId, Instant at, String reason) {
}
