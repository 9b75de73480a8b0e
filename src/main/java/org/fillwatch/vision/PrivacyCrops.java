package org.fillwatch.vision;

import java.util.Optional;

/**
 * Evidence pictures of containers from the latest frame vision saw of their camera, safe to store:
 * everything outside the pavilion's container polygons is blurred beyond recognition (people,
 * number plates), then the container with a margin around it is cut out.
 */
public interface PrivacyCrops {

    /** JPEG bytes, or empty when no frame of that camera is held or the container is unknown. */
    Optional<byte[]> latest(String pavilionId, String containerId);
}
