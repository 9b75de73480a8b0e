package org.fillwatch.scene;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/** Marks on the pavilion's ground texture: cracks, repairs, stains, tyre tracks, footprints, puddles. */
final class GroundDetails {

    private GroundDetails() {
    }

    static void asphalt(Mat tex, SitePainter.GroundPlane plane, SceneSpec spec, SplittableRandom rnd) {
        int rgb = spec.site().groundRgb();
        for (int i = 0; i < 3 + rnd.nextInt(4); i++) {
            double cx = rnd.nextDouble() * tex.cols(), cy = rnd.nextDouble() * tex.rows();
            double w = (1 + rnd.nextDouble() * 3) * plane.pxPerMx(), h = (1 + rnd.nextDouble() * 3) * plane.pxPerMz();
            Draw.blend(tex, new double[][] {{cx, cy}, {cx + w, cy + rnd.nextDouble() * 6}, {cx + w, cy + h},
                    {cx, cy + h}}, Draw.bgr(rgb, rnd.nextBoolean() ? 0.82 : 1.1), 0.5);
        }
        for (int i = 0; i < 10 + rnd.nextInt(10); i++) {
            crack(tex, rnd, rgb, 0.5);
        }
        try (SoftLayer stains = new SoftLayer(tex.cols(), tex.rows(), 4)) {
            stainsUnderRow(stains, plane, spec, rnd, 0.35);
            stains.apply(tex, 0x202020, 10);
        }
        specks(tex, rnd, 140);
        if (spec.conditions().weather() == SceneSpec.Weather.RAIN) {
            try (SoftLayer puddles = new SoftLayer(tex.cols(), tex.rows(), 4)) {
                for (int i = 0; i < 5 + rnd.nextInt(6); i++) {
                    double cx = rnd.nextDouble() * tex.cols(), cy = rnd.nextDouble() * tex.rows();
                    puddles.add(Draw.ellipse(cx, cy, (0.4 + rnd.nextDouble()) * plane.pxPerMx(),
                            (0.3 + rnd.nextDouble() * 0.6) * plane.pxPerMz(), 0, 18, 0.3, rnd), 0.45);
                }
                puddles.apply(tex, 0xa8b0b8, 4);
            }
        } else if (spec.conditions().weather() == SceneSpec.Weather.SNOW) {
            dusting(tex, rnd);
        }
    }

    static void snow(Mat tex, SitePainter.GroundPlane plane, SceneSpec spec, SplittableRandom rnd) {
        try (SoftLayer dirt = new SoftLayer(tex.cols(), tex.rows(), 4)) {
            // tyre tracks of the collection truck coming up to the row
            double rowZ = spec.site().rowZ();
            double x = plane.x0() + (plane.x1() - plane.x0()) * (0.3 + 0.4 * rnd.nextDouble());
            for (double side : new double[] {-0.95, 0.95}) {
                double[] near = plane.px(x + side, plane.zNear());
                double[] far = plane.px(x + side + rnd.nextDouble() - 0.5, rowZ - 0.6);
                double half = 0.18 * plane.pxPerMx();
                dirt.add(new double[][] {{far[0] - half, far[1]}, {far[0] + half, far[1]}, {near[0] + half, near[1]},
                        {near[0] - half, near[1]}}, 0.45);
            }
            // trampled, dirty snow in front of the containers
            for (int i = 0; i < 14; i++) {
                double[] c = plane.px(plane.x0() + rnd.nextDouble() * (plane.x1() - plane.x0()),
                        rowZ - 0.5 - rnd.nextDouble() * 2.5);
                dirt.add(Draw.ellipse(c[0], c[1], (0.5 + rnd.nextDouble()) * plane.pxPerMx(),
                        (0.3 + rnd.nextDouble() * 0.6) * plane.pxPerMz(), rnd.nextDouble(), 16, 0.4, rnd), 0.3);
            }
            stainsUnderRow(dirt, plane, spec, rnd, 0.35);
            dirt.apply(tex, 0x7d796f, 12);
        }
        for (int i = 0; i < 70; i++) {
            double cx = rnd.nextDouble() * tex.cols(), cy = rnd.nextDouble() * tex.rows();
            Draw.blend(tex, Draw.ellipse(cx, cy, 0.05 * plane.pxPerMx(), 0.1 * plane.pxPerMz(), 0.3, 8, 0.2, rnd),
                    Draw.bgr(0x9a9ea6), 0.3);
        }
        specks(tex, rnd, 60);
    }

    /** Containers leave dark, wet stains where they stand; an absent container's place shows them. */
    private static void stainsUnderRow(SoftLayer layer, SitePainter.GroundPlane plane, SceneSpec spec,
                                       SplittableRandom rnd, double alpha) {
        for (SceneSpec.Container c : spec.containers()) {
            double[] p = plane.px(c.x() + rnd.nextDouble() * 0.4 - 0.2, spec.site().rowZ() + c.z() - 0.2);
            layer.add(Draw.ellipse(p[0], p[1], c.type().width * 0.6 * plane.pxPerMx(),
                    c.type().depth * 0.8 * plane.pxPerMz(), 0, 20, 0.5, rnd), alpha);
        }
    }

    private static void crack(Mat tex, SplittableRandom rnd, int rgb, double k) {
        double x = rnd.nextDouble() * tex.cols(), y = rnd.nextDouble() * tex.rows();
        double dir = rnd.nextDouble() * Math.PI * 2;
        double step = 9 * tex.cols() / 896.0; // the ground texture is 896 px wide for a 1280 px frame
        double[][] path = new double[9 + rnd.nextInt(12)][];
        for (int s = 0; s < path.length; s++) {
            path[s] = new double[] {x, y};
            dir += rnd.nextDouble() - 0.5;
            x += Math.cos(dir) * step;
            y += Math.sin(dir) * step;
        }
        Draw.polyline(tex, path, Draw.bgr(rgb, k), 1);
    }

    /** Scattered bits of paper, gravel and cigarette ends. */
    private static void specks(Mat tex, SplittableRandom rnd, int count) {
        int[] colours = {0xa8a8a0, 0x303030, 0x8a7050, 0x8a9098, 0x6a6a60};
        for (int i = 0; i < count; i++) {
            double x = rnd.nextDouble() * tex.cols(), y = rnd.nextDouble() * tex.rows();
            double s = 1 + rnd.nextDouble() * 2;
            Draw.poly(tex, new double[][] {{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}},
                    Draw.bgr(colours[rnd.nextInt(colours.length)]));
        }
    }

    private static void dusting(Mat tex, SplittableRandom rnd) {
        try (SoftLayer snow = new SoftLayer(tex.cols(), tex.rows(), 4)) {
            for (int i = 0; i < 25; i++) {
                double cx = rnd.nextDouble() * tex.cols(), cy = rnd.nextDouble() * tex.rows();
                snow.add(Draw.ellipse(cx, cy, 30 + rnd.nextDouble() * 120, 10 + rnd.nextDouble() * 50, 0, 16, 0.5, rnd),
                        0.35 + rnd.nextDouble() * 0.3);
            }
            snow.apply(tex, 0xe4e8ee, 12);
        }
    }
}
