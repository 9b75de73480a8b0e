package org.fillwatch.reading;

import java.time.Instant;

/**
 * A pavilion's camera stopped giving trustworthy pictures (offline or tampered view): from {@code at}
 * its containers' states are unknown, whatever their last reading said, until a reading taken after
 * the camera recovered arrives.
 *
 * @param reason "camera offline" or "view tampered: ..."
 */
public record ContainersUnknown(String pavilionId, Instant at, String reason) {
}
