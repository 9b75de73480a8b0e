package org.fillwatch.camera;

import java.time.Instant;

/**
 * What is known about one pavilion's camera.
 *
 * @param offlineSince when the camera last went from online to offline; null while online
 * @param lastError    the last failure, with credentials masked
 */
public record CameraStatus(
        String pavilionId,
        State state,
        Instant offlineSince,
        Instant lastFrameAt,
        long framesSampled,
        int consecutiveFailures,
        String lastError) {

    public enum State { STARTING, ONLINE, OFFLINE, DISABLED }
}
