package org.fillwatch.camera;

import java.time.Instant;

/**
 * A camera that was online (or starting) failed: published once per outage, on the sampling thread.
 * Short blips are not filtered here; the incident module decides how long an outage must last.
 *
 * @param reason the failure, with credentials masked
 */
public record CameraWentOffline(String pavilionId, Instant at, String reason) {
}
