package org.fillwatch.scene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Draws waste: the flat surface of the contents seen from above (as a texture warped onto the fill
 * level), bags heaped above the rim, and bags and boxes on the ground beside a container.
 */
final class WastePainter {

    /** Mostly black bags, some white and grey, now and then a coloured one. */
    private static final int[] BAGS = {0x1c1d20, 0x1c1d20, 0x232428, 0x1a1a1a, 0x2a2b30, 0x1e1e22, 0x26262a,
            0xdcdcd6, 0xc8ccd0, 0xe4e4e0, 0x3a5a8a, 0x77777a, 0x3c5a3c};
    private static final int[] LOOSE = {0xe6e2d8, 0x9a7650, 0x3a6a40, 0xa0b8a8, 0x6a4020, 0xc06020, 0x4060a0,
            0xd0c040, 0x8a8a8a, 0x303030};

    private final TextureBank bank;

    WastePainter(TextureBank bank) {
        this.bank = bank;
    }

    /**
     * What the top of the contents looks like, as a w x h texture covering the whole waste surface.
     * Coverage 0 is a bare floor with a few scraps, 1 is packed waste.
     */
    Mat surface(SplittableRandom rnd, int w, int h, double coverage, int floorRgb, boolean snowy) {
        Mat tex = bank.mottled(rnd, w, h, floorRgb, 0.45);
        double pxPerM = w / 1.3;
        int scraps = (int) (6 + 60 * coverage);
        for (int i = 0; i < scraps; i++) {
            loose(tex, rnd, rnd.nextDouble() * w, rnd.nextDouble() * h, pxPerM);
        }
        if (coverage > 0.05) {
            bank.blendPhotoPatches(tex, rnd, 1 + (int) (3 * coverage), 0.35 + 0.3 * coverage, TextureBank.Source.WASTE);
        }
        int items = (int) Math.round(coverage * 26);
        for (int i = 0; i < items; i++) {
            double x = rnd.nextDouble() * w, y = rnd.nextDouble() * h;
            if (rnd.nextDouble() < 0.3) {
                cardboard(tex, rnd, x, y, pxPerM);
            } else {
                double r = (0.15 + 0.1 * rnd.nextDouble()) * pxPerM;
                bag(tex, rnd, new double[] {x, y}, r, r * (0.7 + 0.3 * rnd.nextDouble()), 0, 0);
            }
        }
        for (int i = 0; i < scraps / 3; i++) {
            loose(tex, rnd, rnd.nextDouble() * w, rnd.nextDouble() * h, pxPerM);
        }
        if (snowy && coverage < 0.3) {
            for (int i = 0; i < 6; i++) {
                Draw.blend(tex, Draw.ellipse(rnd.nextDouble() * w, rnd.nextDouble() * h, w * 0.15, h * 0.12,
                        rnd.nextDouble(), 12, 0.5, rnd), Draw.bgr(0xd8dce2), 0.6);
            }
        }
        bank.addGrain(tex, rnd, 0.3);
        return tex;
    }

    /**
     * A plastic bag, as seen from above-front: rough ellipse with shaded body, highlight and knot.
     * (dx, dy) shifts pixel coordinates for drawing into a region of interest.
     */
    static void bag(Mat img, SplittableRandom rnd, double[] c, double rx, double ry, double dx, double dy) {
        int colour = BAGS[rnd.nextInt(BAGS.length)];
        boolean dark = ((colour >> 16) & 0xff) < 80;
        double angle = (rnd.nextDouble() - 0.5) * 0.8;
        double x = c[0] - dx, y = c[1] - dy;
        Draw.poly(img, Draw.ellipse(x, y, rx, ry, angle, 14, 0.22, rnd), Draw.bgr(colour, dark ? 0.7 : 0.62));
        Draw.poly(img, Draw.ellipse(x - rx * 0.12, y - ry * 0.15, rx * 0.78, ry * 0.72, angle, 12, 0.2, rnd),
                Draw.bgr(colour, dark ? 1.1 : 0.88));
        int spec = dark ? 0x5a5c62 : 0xf4f4f2;
        Draw.poly(img, Draw.ellipse(x - rx * 0.35, y - ry * 0.4, rx * 0.22, ry * 0.12, angle - 0.5, 8, 0.3, rnd),
                Draw.bgr(spec));
        // folds: short creases converging on the knot
        for (int i = 0; i < 2; i++) {
            double a = -Math.PI / 2 + (rnd.nextDouble() - 0.5) * 2;
            Draw.line(img, new double[] {x + Math.cos(a) * rx * 0.35, y + Math.sin(a) * ry * 0.3},
                    new double[] {x + Math.cos(a) * rx * 0.75, y + Math.sin(a) * ry * 0.7},
                    Draw.bgr(colour, dark ? 1.6 : 0.78), 1);
        }
        double kx = x + rx * 0.3 * (rnd.nextDouble() - 0.5), ky = y - ry * 0.85;
        Draw.poly(img, new double[][] {{kx - rx * 0.22, ky - ry * 0.35}, {kx, ky + ry * 0.2},
                {kx + rx * 0.2, ky - ry * 0.3}, {kx, ky - ry * 0.05}}, Draw.bgr(colour, dark ? 0.9 : 0.75));
    }

    private static void cardboard(Mat tex, SplittableRandom rnd, double x, double y, double pxPerM) {
        double w = (0.25 + 0.35 * rnd.nextDouble()) * pxPerM, h = (0.2 + 0.3 * rnd.nextDouble()) * pxPerM;
        double a = rnd.nextDouble() * Math.PI;
        double c = Math.cos(a), s = Math.sin(a);
        double[][] pts = new double[4][];
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        for (int i = 0; i < 4; i++) {
            pts[i] = new double[] {x + corners[i][0] * c - corners[i][1] * s, y + corners[i][0] * s + corners[i][1] * c};
        }
        int brown = rnd.nextBoolean() ? 0x9a7650 : 0xb48e5e;
        Draw.poly(tex, pts, Draw.bgr(brown, 0.85 + 0.25 * rnd.nextDouble()));
        Draw.line(tex, pts[0], pts[1], Draw.bgr(brown, 0.55), 2);
        Draw.line(tex, pts[1], pts[2], Draw.bgr(brown, 0.55), 2);
        Draw.line(tex, Draw.lerp(pts[0], pts[3], 0.5), Draw.lerp(pts[1], pts[2], 0.5), Draw.bgr(0xc8b48a), 3);
    }

    private static void loose(Mat tex, SplittableRandom rnd, double x, double y, double pxPerM) {
        int colour = LOOSE[rnd.nextInt(LOOSE.length)];
        double r = (0.03 + 0.08 * rnd.nextDouble()) * pxPerM;
        if (rnd.nextBoolean()) {
            Draw.poly(tex, Draw.ellipse(x, y, r, r * (0.3 + 0.4 * rnd.nextDouble()), rnd.nextDouble() * 3, 8, 0.4, rnd),
                    Draw.bgr(colour, 0.8 + 0.4 * rnd.nextDouble()));
        } else {
            double a = rnd.nextDouble() * 3;
            Draw.poly(tex, new double[][] {{x, y}, {x + r * Math.cos(a), y + r * Math.sin(a)},
                    {x + r * 1.3 * Math.cos(a + 1.4), y + r * 1.1 * Math.sin(a + 1.4)},
                    {x + r * 0.5 * Math.cos(a + 2.5), y + r * 0.8 * Math.sin(a + 2.5)}}, Draw.bgr(colour));
        }
    }

    /**
     * A cardboard box lying on the ground (or on waste), drawn as a 3D box: top, front and one side.
     */
    static void box3d(Mat img, View view, SplittableRandom rnd, double x, double y, double z, double size) {
        double w = size * (0.8 + 0.5 * rnd.nextDouble()), d = size * (0.7 + 0.4 * rnd.nextDouble());
        double h = size * (0.5 + 0.5 * rnd.nextDouble());
        int brown = rnd.nextBoolean() ? 0x9a7650 : 0xb48e5e;
        double[][] top = view.project(new double[][] {Draw.p(x - w / 2, y + h, z + d / 2), Draw.p(x + w / 2, y + h, z + d / 2),
                Draw.p(x + w / 2, y + h, z - d / 2), Draw.p(x - w / 2, y + h, z - d / 2)});
        double[][] front = view.project(new double[][] {Draw.p(x - w / 2, y + h, z - d / 2), Draw.p(x + w / 2, y + h, z - d / 2),
                Draw.p(x + w / 2, y, z - d / 2), Draw.p(x - w / 2, y, z - d / 2)});
        boolean leftVisible = view.camX < x - w / 2;
        double sx = leftVisible ? x - w / 2 : x + w / 2;
        double[][] side = view.project(new double[][] {Draw.p(sx, y + h, z + d / 2), Draw.p(sx, y + h, z - d / 2),
                Draw.p(sx, y, z - d / 2), Draw.p(sx, y, z + d / 2)});
        Draw.poly(img, side, Draw.bgr(brown, 0.6));
        Draw.poly(img, front, Draw.bgr(brown, 0.8));
        Draw.poly(img, top, Draw.bgr(brown, 1.05));
        Draw.line(img, Draw.lerp(top[0], top[3], 0.5), Draw.lerp(top[1], top[2], 0.5), Draw.bgr(0xcdb98f), 2);
    }

    /**
     * Bags heaped above the rim of a full or overflowing container. Positions come from rnd, so the
     * heap is the same in every frame of a clip; height is how far (metres) it rises above the rim.
     */
    static void heap(Mat img, View view, ContainerBox box, SplittableRandom rnd, double height, int count) {
        List<double[]> bags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double u = 0.12 + 0.76 * rnd.nextDouble(), v = 0.1 + 0.8 * rnd.nextDouble();
            // the heap is highest in the middle
            double bump = 1 - Math.abs(u - 0.5) * 1.4 - Math.abs(v - 0.5) * 0.8;
            double y = box.topY + Math.max(0, bump) * height * (0.6 + 0.5 * rnd.nextDouble());
            bags.add(box.onTop(u, v, y));
        }
        drawBags(img, view, rnd, bags);
    }

    /** Bags and boxes on the ground beside and in front of the container. */
    static void around(Mat img, View view, ContainerBox box, SplittableRandom rnd, int count) {
        List<double[]> bags = new ArrayList<>();
        double w = box.spec.type().width;
        for (int i = 0; i < count; i++) {
            double x = box.cx + (rnd.nextDouble() - 0.5) * (w + 0.6);
            double z = box.bottom[0][2] - 0.15 - rnd.nextDouble() * 0.6;
            if (rnd.nextDouble() < 0.25) {
                box3d(img, view, rnd, x, 0, z, 0.35);
            } else {
                bags.add(Draw.p(x, 0.2, z));
            }
        }
        drawBags(img, view, rnd, bags);
    }

    private static void drawBags(Mat img, View view, SplittableRandom rnd, List<double[]> bags) {
        // painter's order: far and low first
        bags.sort(Comparator.<double[]>comparingDouble(p -> -p[2]).thenComparingDouble(p -> p[1]));
        for (double[] p : bags) {
            double r = (0.2 + 0.08 * rnd.nextDouble()) * view.scaleAt(p[0], p[1], p[2]);
            double[] c = view.project(p[0], p[1], p[2]);
            bag(img, rnd, c, r, r * (0.75 + 0.2 * rnd.nextDouble()), 0, 0);
        }
    }
}
