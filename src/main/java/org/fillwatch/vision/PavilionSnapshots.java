package org.fillwatch.vision;

import java.time.Instant;
import java.util.Optional;

/**
 * The latest picture of each pavilion's camera for people at screens (the operator's pavilion page
 * and the region-of-interest editor): privacy-blurred outside the container polygons, scaled down
 * to at most {@link #MAX_WIDTH} pixels wide.
 */
public interface PavilionSnapshots {

    int MAX_WIDTH = 960;

    /** Empty when vision has not yet seen a frame of that pavilion's camera. */
    Optional<Snapshot> latest(String pavilionId);

    /** A JPEG picture; width and height are those of the JPEG, taken when the frame was sampled. */
    record Snapshot(byte[] jpeg, int width, int height, Instant takenAt) {
    }
}
