package org.fillwatch.vision;

import java.time.Instant;
import java.util.Optional;

/** The recent crops of each container, kept in memory by the vision module for labelling. */
public interface ContainerCrops {

    /** The crop of the latest analysed frame, if one is held. */
    Optional<ContainerCrop> latest(String pavilionId, String containerId);

    /** The crop of the frame captured at {@code capturedAt}, if it is still held. */
    Optional<ContainerCrop> at(String pavilionId, String containerId, Instant capturedAt);
}
