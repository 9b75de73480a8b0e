package org.fillwatch.camera;

import java.time.Instant;

/**
 * This instance stopped sampling a camera because another instance owns it now: whatever was kept
 * in memory about the camera here (outages, streaks, forecast windows) is stale from this moment.
 */
public record CameraReleased(String pavilionId, Instant at) {
}
