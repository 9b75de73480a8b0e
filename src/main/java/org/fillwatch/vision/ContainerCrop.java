package org.fillwatch.vision;

import java.time.Instant;

/**
 * The rectified crop of one container as the model saw it in one frame (the model's input size,
 * crop margin included), JPEG-encoded: what an operator labels.
 *
 * @param capturedAt the frame's capture time, which is also the time of the reading made from it
 */
public record ContainerCrop(String pavilionId, String containerId, Instant capturedAt, byte[] jpeg) {
}
