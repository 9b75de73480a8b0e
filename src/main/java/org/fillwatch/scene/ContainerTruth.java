package org.fillwatch.scene;

import java.util.List;

/**
 * What is true about one container in a rendered frame.
 *
 * @param polygon     4 corners [x, y] in normalised 0..1 image coordinates, clockwise from top-left:
 *                    the container's visible outline (where it stands even when it is absent)
 * @param fill        true fill level 0..1
 * @param present     false when the container is not there (bare ground inside the polygon)
 * @param wasteAround waste lies on the ground beside it
 */
public record ContainerTruth(String id, List<double[]> polygon, double fill, boolean overflowing,
                             boolean present, boolean wasteAround) {

    public ContainerTruth {
        polygon = List.copyOf(polygon);
    }
}
