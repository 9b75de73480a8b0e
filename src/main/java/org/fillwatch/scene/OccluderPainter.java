package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;

/** People, parked cars and the carrier's truck, drawn as shaded boxes and limbs in front of the row. */
final class OccluderPainter {

    private OccluderPainter() {
    }

    static void paint(Mat img, View view, SceneSpec.Occluder o) {
        SplittableRandom rnd = new SplittableRandom(o.seed());
        switch (o.type()) {
            case PERSON -> person(img, view, o, rnd);
            case CAR -> car(img, view, o, rnd);
            case TRUCK -> truck(img, view, o, rnd);
        }
    }

    /** Draws the faces of an axis-aligned box the camera can see: side, front (near) and top. */
    static void box(Mat img, View view, double x0, double x1, double y0, double y1, double z0, double z1, int rgb) {
        if (view.camX < x0) {
            Draw.poly(img, view.project(new double[][] {Draw.p(x0, y1, z1), Draw.p(x0, y1, z0), Draw.p(x0, y0, z0),
                    Draw.p(x0, y0, z1)}), Draw.bgr(rgb, 0.6));
        } else if (view.camX > x1) {
            Draw.poly(img, view.project(new double[][] {Draw.p(x1, y1, z0), Draw.p(x1, y1, z1), Draw.p(x1, y0, z1),
                    Draw.p(x1, y0, z0)}), Draw.bgr(rgb, 0.65));
        }
        Draw.poly(img, view.project(new double[][] {Draw.p(x0, y1, z0), Draw.p(x1, y1, z0), Draw.p(x1, y0, z0),
                Draw.p(x0, y0, z0)}), Draw.bgr(rgb, 0.82));
        if (view.camH > y1) {
            Draw.poly(img, view.project(new double[][] {Draw.p(x0, y1, z1), Draw.p(x1, y1, z1), Draw.p(x1, y1, z0),
                    Draw.p(x0, y1, z0)}), Draw.bgr(rgb, 1.0));
        }
    }

    private static void person(Mat img, View view, SceneSpec.Occluder o, SplittableRandom rnd) {
        double x = o.x(), z = o.z();
        int trousers = rnd.nextBoolean() ? 0x25262a : 0x2a3550;
        box(img, view, x - 0.2, x - 0.04, 0, 0.85, z - 0.08, z + 0.08, trousers);
        box(img, view, x + 0.04, x + 0.2, 0, 0.85, z - 0.08, z + 0.08, trousers);
        box(img, view, x - 0.24, x + 0.24, 0.8, 1.5, z - 0.14, z + 0.14, o.rgb());
        // arms, one holding a bag
        double[] shoulder = view.project(x + 0.27, 1.42, z);
        double[] hand = view.project(x + 0.33, 0.8, z - 0.05);
        double px = view.scaleAt(x, 1.2, z);
        Draw.line(img, shoulder, hand, Draw.bgr(o.rgb(), 0.75), (int) (0.1 * px));
        Draw.line(img, view.project(x - 0.27, 1.42, z), view.project(x - 0.3, 0.82, z), Draw.bgr(o.rgb(), 0.7),
                (int) (0.1 * px));
        if (rnd.nextBoolean()) {
            double[] b = view.project(x + 0.36, 0.6, z - 0.08);
            WastePainter.bag(img, rnd, b, 0.18 * px, 0.2 * px, 0, 0);
        }
        double[] head = view.project(x, 1.62, z);
        int hair = rnd.nextBoolean() ? 0x1a1410 : 0x3a3a40; // hats and hair from above
        Draw.poly(img, Draw.ellipse(head[0], head[1], 0.11 * px, 0.13 * px, 0, 16, 0, null), Draw.bgr(0xc09878));
        Draw.poly(img, Draw.ellipse(head[0], head[1] - 0.05 * px, 0.115 * px, 0.09 * px, 0, 16, 0, null),
                Draw.bgr(hair));
    }

    private static void car(Mat img, View view, SceneSpec.Occluder o, SplittableRandom rnd) {
        double len = 4.2 + 0.4 * rnd.nextDouble(), w = 1.75;
        double x0 = o.x() - len / 2, x1 = o.x() + len / 2, z0 = o.z() - w / 2, z1 = o.z() + w / 2;
        wheels(img, view, x0 + 0.75, x1 - 0.75, z0, 0.32);
        box(img, view, x0, x1, 0.3, 0.95, z0, z1, o.rgb());
        double cx0 = x0 + len * 0.28, cx1 = x1 - len * 0.22;
        box(img, view, cx0, cx1, 0.95, 1.42, z0 + 0.12, z1 - 0.12, o.rgb());
        // side windows and windscreen reflections
        Draw.poly(img, view.project(new double[][] {Draw.p(cx0 + 0.12, 1.38, z0 + 0.12), Draw.p(cx1 - 0.1, 1.38, z0 + 0.12),
                Draw.p(cx1 - 0.05, 1.0, z0 + 0.12), Draw.p(cx0 + 0.05, 1.0, z0 + 0.12)}), Draw.bgr(0x404a55));
        Draw.poly(img, view.project(new double[][] {Draw.p(cx0 + 0.3, 1.42, z1 - 0.2), Draw.p(cx1 - 0.3, 1.42, z1 - 0.2),
                Draw.p(cx1 - 0.3, 1.42, z0 + 0.2), Draw.p(cx0 + 0.3, 1.42, z0 + 0.2)}), Draw.bgr(o.rgb(), 1.1));
    }

    private static void truck(Mat img, View view, SceneSpec.Occluder o, SplittableRandom rnd) {
        double w = 2.5, z0 = o.z() - w / 2, z1 = o.z() + w / 2;
        double cab = 2.2, body = 5.2;
        boolean cabLeft = rnd.nextBoolean();
        double x0 = o.x() - (cab + body) / 2;
        double cabX0 = cabLeft ? x0 : x0 + body, bodyX0 = cabLeft ? x0 + cab : x0;
        wheels(img, view, x0 + 1.1, x0 + cab + body - 1.1, z0, 0.5);
        box(img, view, bodyX0, bodyX0 + body, 0.9, 3.3, z0, z1, o.rgb());
        box(img, view, cabX0, cabX0 + cab, 0.6, 2.9, z0 + 0.05, z1 - 0.05, 0xe6e6e0);
        double[] a = view.project(bodyX0 + 0.6, 2.2, z0);
        double px = view.scaleAt(bodyX0 + body / 2, 2, z0);
        try (Point p = new Point((int) a[0], (int) a[1])) {
            putText(img, o.rgb() == 0xd87a20 ? "CARRIER-A" : "CARRIER-B", p, FONT_HERSHEY_SIMPLEX, 0.012 * px,
                    Draw.bgr(0x202020), Math.max(1, (int) (0.03 * px)), LINE_AA, false);
        }
        // compactor stripes and the cab's windscreen
        Draw.line(img, view.project(bodyX0, 1.3, z0), view.project(bodyX0 + body, 1.3, z0), Draw.bgr(0xe0e0e0),
                (int) Math.max(2, 0.08 * px));
        double wx = cabLeft ? cabX0 + 0.2 : cabX0 + 0.4;
        Draw.poly(img, view.project(new double[][] {Draw.p(wx, 2.7, z0 + 0.05), Draw.p(wx + 1.6, 2.7, z0 + 0.05),
                Draw.p(wx + 1.6, 1.9, z0 + 0.05), Draw.p(wx, 1.9, z0 + 0.05)}), Draw.bgr(0x3a4450));
    }

    private static void wheels(Mat img, View view, double xa, double xb, double z, double r) {
        for (double x : new double[] {xa, xb}) {
            double[] c = view.project(x, r, z);
            double px = r * view.scaleAt(x, r, z);
            Draw.poly(img, Draw.ellipse(c[0], c[1], px * 0.95, px, 0, 16, 0, null), Draw.grey(22));
            Draw.poly(img, Draw.ellipse(c[0], c[1], px * 0.45, px * 0.5, 0, 12, 0, null), Draw.grey(90));
        }
    }
}
