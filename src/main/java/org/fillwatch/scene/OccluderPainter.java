package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;

/** People, parked cars and the carrier's truck, drawn as shaded boxes and limbs in front of the row. */
final class OccluderPainter {

    private final TextureBank bank;

    OccluderPainter(TextureBank bank) {
        this.bank = bank;
    }

    void paint(Mat img, View view, SceneSpec.Occluder o) {
        SplittableRandom rnd = new SplittableRandom(o.seed());
        switch (o.type()) {
            case PERSON -> person(img, view, o, rnd);
            case CAR -> car(img, view, o, rnd);
            case TRUCK -> truck(img, view, o);
        }
    }

    /** Draws the faces of an axis-aligned box the camera can see: side, front (near) and top. */
    private void box(Mat img, View view, double x0, double x1, double y0, double y1, double z0, double z1, int rgb) {
        SplittableRandom rnd = new SplittableRandom(Double.doubleToLongBits(x0 * 31 + y0 * 7 + z0));
        if (view.camX < x0) {
            face(img, view.project(new double[][] {Draw.p(x0, y1, z1), Draw.p(x0, y1, z0), Draw.p(x0, y0, z0),
                    Draw.p(x0, y0, z1)}), rgb, 0.6, rnd);
        } else if (view.camX > x1) {
            face(img, view.project(new double[][] {Draw.p(x1, y1, z0), Draw.p(x1, y1, z1), Draw.p(x1, y0, z1),
                    Draw.p(x1, y0, z0)}), rgb, 0.65, rnd);
        }
        face(img, view.project(new double[][] {Draw.p(x0, y1, z0), Draw.p(x1, y1, z0), Draw.p(x1, y0, z0),
                Draw.p(x0, y0, z0)}), rgb, 0.82, rnd);
        if (view.camH > y1) {
            face(img, view.project(new double[][] {Draw.p(x0, y1, z1), Draw.p(x1, y1, z1), Draw.p(x1, y1, z0),
                    Draw.p(x0, y1, z0)}), rgb, 1.0, rnd);
        }
    }

    /** A face in the occluder's colour, shaded by k, with the mottling of dirt, paint and cloth. */
    private void face(Mat img, double[][] quad, int rgb, double k, SplittableRandom rnd) {
        try (Mat tex = bank.mottled(rnd, 48, 48, FaceTextures.rgbScaled(rgb, k), 0.12)) {
            Draw.warpInto(img, tex, quad);
        }
    }

    private void person(Mat img, View view, SceneSpec.Occluder o, SplittableRandom rnd) {
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

    private void car(Mat img, View view, SceneSpec.Occluder o, SplittableRandom rnd) {
        double len = 4.2 + 0.4 * rnd.nextDouble(), w = 1.75;
        double x0 = o.x() - len / 2, x1 = o.x() + len / 2, z0 = o.z() - w / 2, z1 = o.z() + w / 2;
        wheels(img, view, x0 + 0.75, x1 - 0.75, z0, 0.32);
        box(img, view, x0, x1, 0.3, 0.95, z0, z1, o.rgb());
        double cx0 = x0 + len * 0.28, cx1 = x1 - len * 0.22;
        box(img, view, cx0, cx1, 0.95, 1.42, z0 + 0.12, z1 - 0.12, o.rgb());
        // side windows and windscreen reflections
        Draw.poly(img, view.project(new double[][] {Draw.p(cx0 + 0.12, 1.38, z0 + 0.12), Draw.p(cx1 - 0.1, 1.38, z0 + 0.12),
                Draw.p(cx1 - 0.05, 1.0, z0 + 0.12), Draw.p(cx0 + 0.05, 1.0, z0 + 0.12)}), Draw.bgr(0x404a55));
        // windscreen and rear window seen from above, a sheen on the roof, dark sills
        Draw.poly(img, view.project(new double[][] {Draw.p(cx1 - 0.35, 1.42, z1 - 0.14), Draw.p(cx1, 1.42, z1 - 0.14),
                Draw.p(cx1, 1.42, z0 + 0.14), Draw.p(cx1 - 0.35, 1.42, z0 + 0.14)}), Draw.bgr(0x2c343c));
        Draw.poly(img, view.project(new double[][] {Draw.p(cx0, 1.42, z1 - 0.14), Draw.p(cx0 + 0.25, 1.42, z1 - 0.14),
                Draw.p(cx0 + 0.25, 1.42, z0 + 0.14), Draw.p(cx0, 1.42, z0 + 0.14)}), Draw.bgr(0x2c343c));
        Draw.poly(img, view.project(new double[][] {Draw.p(cx0 + 0.5, 1.42, z1 - 0.3), Draw.p(cx1 - 0.6, 1.42, z1 - 0.3),
                Draw.p(cx1 - 0.6, 1.42, z1 - 0.5), Draw.p(cx0 + 0.5, 1.42, z1 - 0.5)}), Draw.bgr(o.rgb(), 1.25));
        Draw.poly(img, view.project(new double[][] {Draw.p(x0, 0.45, z0), Draw.p(x1, 0.45, z0),
                Draw.p(x1, 0.3, z0), Draw.p(x0, 0.3, z0)}), Draw.bgr(0x202020));
        double[] lamp = view.project(view.camX < o.x() ? x0 : x1, 0.8, z0 + 0.25);
        double lampR = 0.07 * view.scaleAt(x0, 0.8, z0);
        Draw.poly(img, Draw.ellipse(lamp[0], lamp[1], lampR, lampR * 0.7, 0, 10, 0, null), Draw.bgr(0xe8e0c8));
    }

    /**
     * The carrier's rear-loader backed up to the row: its rear at z, body and cab running back
     * towards the camera (cut where they leave the picture).
     */
    private void truck(Mat img, View view, SceneSpec.Occluder o) {
        double w = 2.5, x0 = o.x() - w / 2, x1 = o.x() + w / 2;
        double rear = o.z(), body = 5.2, cab = 2.2;
        double near = Math.max(0.8, rear - body - cab);
        double bodyNear = Math.max(near, rear - body);
        box(img, view, x0 + 0.05, x1 - 0.05, 0.6, 2.7, near, bodyNear, 0xe6e6e0);
        box(img, view, x0, x1, 0.9, 3.0, bodyNear, rear, o.rgb());
        double[] a = view.project(view.camX < x0 ? x0 : x1, 2.0, rear - body * 0.75);
        double px = view.scaleAt(o.x(), 2, rear - body / 2);
        // roof ribs of the compactor body
        for (double z = bodyNear + 0.6; z < rear - 0.5; z += 0.75) {
            Draw.line(img, view.project(x0 + 0.1, 3.0, z), view.project(x1 - 0.1, 3.0, z), Draw.bgr(o.rgb(), 0.7),
                    (int) Math.max(1, 0.04 * view.scaleAt(o.x(), 3, z)));
        }
        // the carrier's name on the roof, readable from the pole camera
        double[] roof = view.project(o.x() - 0.9, 3.0, rear - body * 0.45);
        try (Point p = new Point((int) roof[0], (int) roof[1])) {
            putText(img, o.rgb() == 0xd87a20 ? "CARRIER-A" : "CARRIER-B", p, FONT_HERSHEY_SIMPLEX, 0.008 * px,
                    Draw.bgr(0x202020), Math.max(1, (int) (0.025 * px)), LINE_AA, false);
        }
        double side = view.camX < x0 ? x0 : x1;
        Draw.line(img, view.project(side, 1.3, bodyNear), view.project(side, 1.3, rear), Draw.bgr(0xe0e0e0),
                (int) Math.max(2, 0.06 * px));
        Draw.line(img, a, view.project(side, 2.6, rear - 0.3), Draw.bgr(o.rgb(), 0.5), (int) Math.max(1, 0.03 * px));
        // rear loader's lip and the bin lift at the back
        double[][] lip = view.project(new double[][] {Draw.p(x0, 3.05, rear - 0.4), Draw.p(x1, 3.05, rear - 0.4),
                Draw.p(x1, 3.05, rear), Draw.p(x0, 3.05, rear)});
        Draw.poly(img, lip, Draw.bgr(0x303030));
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
