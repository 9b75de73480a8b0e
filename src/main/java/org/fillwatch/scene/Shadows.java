package org.fillwatch.scene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** Sun shadows of containers on the ground: the convex hull of the footprint and the cast top. */
final class Shadows {

    private Shadows() {
    }

    static void cast(Mat img, View view, ContainerBox box, SceneSpec.Conditions c, double fenceZ) {
        double a = Math.toRadians(c.sunAzimuthDeg());
        double len = 1 / Math.tan(Math.toRadians(Math.max(5, c.sunElevationDeg())));
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pts.add(new double[] {box.bottom[i][0], box.bottom[i][2]});
            double h = box.top[i][1];
            double z = Math.min(fenceZ, box.top[i][2] + h * len * Math.sin(a));
            pts.add(new double[] {box.top[i][0] + h * len * Math.cos(a), z});
        }
        double[][] hull = hull(pts);
        double[][] world = new double[hull.length][];
        for (int i = 0; i < hull.length; i++) {
            world[i] = Draw.p(hull[i][0], 0, hull[i][1]);
        }
        Draw.softBlend(img, view.project(world), Draw.grey(15), 0.42, 3);
    }

    /** The fence's shadow on the ground when the sun stands behind it. */
    static void fence(Mat img, View view, SceneSpec.Site site, SceneSpec.Conditions c) {
        double a = Math.toRadians(c.sunAzimuthDeg());
        if (Math.sin(a) >= 0) {
            return;
        }
        double len = site.fenceHeight() / Math.tan(Math.toRadians(Math.max(5, c.sunElevationDeg())));
        double hw = view.halfWidthAt(site.fenceZ()) + 3;
        double x0 = view.camX - hw, x1 = view.camX + hw, z = site.fenceZ();
        double dx = len * Math.cos(a), dz = len * Math.sin(a);
        Draw.softBlend(img, view.project(new double[][] {Draw.p(x0, 0, z), Draw.p(x1, 0, z),
                Draw.p(x1 + dx, 0, z + dz), Draw.p(x0 + dx, 0, z + dz)}), Draw.grey(15), 0.42, 3);
    }

    /** Andrew's monotone chain over (x, z) points. */
    static double[][] hull(List<double[]> points) {
        double[][] p = points.toArray(new double[0][]);
        Arrays.sort(p, Comparator.<double[]>comparingDouble(q -> q[0]).thenComparingDouble(q -> q[1]));
        double[][] h = new double[p.length * 2][];
        int k = 0;
        for (double[] q : p) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], q) <= 0) {
                k--;
            }
            h[k++] = q;
        }
        for (int i = p.length - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) {
                k--;
            }
            h[k++] = p[i];
        }
        return Arrays.copyOf(h, Math.max(1, k - 1));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
