package org.fillwatch.pavilion;

import java.util.List;
import org.fillwatch.pavilion.ContainerSpec.Point;

/** Geometry checks for container outlines. */
final class Polygons {

    private Polygons() {
    }

    /**
     * The index of the first edge that crosses a later, non-adjacent edge, or -1 when the outline is simple.
     * Edge i runs from point i to point i+1 (the last one closes back to point 0).
     */
    static int firstCrossingEdge(List<Point> points) {
        int n = points.size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 2; j < n; j++) {
                if (i == 0 && j == n - 1) {
                    continue; // first and last edge share point 0
                }
                if (cross(points.get(i), points.get((i + 1) % n), points.get(j), points.get((j + 1) % n))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Whether segments ab and cd intersect, touching included. */
    static boolean cross(Point a, Point b, Point c, Point d) {
        double d1 = orient(c, d, a);
        double d2 = orient(c, d, b);
        double d3 = orient(a, b, c);
        double d4 = orient(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b))
                || (d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d));
    }

    private static double orient(Point p, Point q, Point r) {
        return (q.x() - p.x()) * (r.y() - p.y()) - (q.y() - p.y()) * (r.x() - p.x());
    }

    private static boolean onSegment(Point p, Point q, Point r) {
        return Math.min(p.x(), q.x()) <= r.x() && r.x() <= Math.max(p.x(), q.x())
                && Math.min(p.y(), q.y()) <= r.y() && r.y() <= Math.max(p.y(), q.y());
    }
}
