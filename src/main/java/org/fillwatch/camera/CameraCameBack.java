package org.fillwatch.camera;

import java.time.Instant;

/**
 * A camera delivered a frame after being offline or starting up (the first frame after a restart
 * counts too, so an outage left open by a restart can be closed).
 *
 * @param offlineSince when the outage began; null when the camera was only starting
 */
public record CameraCameBack(String pavilionId, Instant at, Instant offlineSince) {
}
