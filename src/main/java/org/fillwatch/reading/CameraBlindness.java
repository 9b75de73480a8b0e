package org.fillwatch.reading;

import java.time.Instant;
import java.util.Optional;

/** Whether a container's latest reading may still be shown as its state. */
public interface CameraBlindness {

    /**
     * @param readingTime capture time of the container's latest reading, null when none
     * @return why the state is unknown (camera offline, view tampered, no reading since the camera
     *         recovered); empty when the latest reading stands
     */
    Optional<String> unknownReason(String pavilionId, Instant readingTime);
}
