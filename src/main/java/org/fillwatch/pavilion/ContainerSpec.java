package org.fillwatch.pavilion;

import java.util.List;

/**
 * One container of a pavilion and where the camera sees it.
 *
 * @param type    free text such as "1.1 m3 euro container" or "0.75 m3 open metal container"
 * @param polygon corners in normalised 0..1 image coordinates, clockwise from top-left
 */
public record ContainerSpec(String id, String type, List<Point> polygon, Thresholds thresholds) {

    public ContainerSpec {
        polygon = List.copyOf(polygon);
    }

    /** A point in normalised image coordinates: (0,0) top-left, (1,1) bottom-right. */
    public record Point(double x, double y) {
    }
}
