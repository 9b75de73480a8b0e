package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_PLAIN;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SCRIPT_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;

/**
 * Flat textures of container walls and lids (paint, dents, rust, scribbles, ribs), drawn in the
 * face's own coordinates and warped onto the face by the painter.
 */
final class FaceTextures {

    private static final int BASE_W = 200;
    private static final int BASE_H = 140;
    private static final String[] SCRIBBLES = {"12", "7", "TOO", "KSK", "N3", "HE KURIT", "X", "21", "OK", "A-5"};
    private static final int[] PAINT = {0xe8e8e8, 0xc02828, 0xe0c020, 0x202020};

    private final TextureBank bank;

    FaceTextures(TextureBank bank) {
        this.bank = bank;
    }

    /** A wall texture; detail scales its size with the frame (1 = a 1280 px wide frame). */
    Mat wall(SceneSpec.Container c, SplittableRandom rnd, double light, boolean front, boolean snowy, double detail) {
        boolean metal = c.type() == SceneSpec.ContainerType.OPEN_METAL_075;
        int w = (int) Math.max(24, (front ? BASE_W : BASE_W * 2 / 3) * detail);
        int h = (int) Math.max(24, BASE_H * detail);
        Mat tex = bank.mottled(rnd, w, h, rgbScaled(c.rgb(), light), metal ? 0.38 : 0.14);
        if (metal) {
            metalWear(tex, rnd, c.rgb(), light, front);
        } else {
            plasticDetails(tex, rnd, c.rgb(), light, front);
        }
        // dirt splashed up from the ground
        Draw.blend(tex, new double[][] {{0, h * 0.8}, {w, h * 0.83}, {w, h}, {0, h}}, Draw.bgr(0x3a3530), 0.4);
        if (snowy && rnd.nextBoolean()) {
            Draw.blend(tex, new double[][] {{0, h * 0.88}, {w, h * 0.9}, {w, h}, {0, h}}, Draw.bgr(0xdfe4ea), 0.6);
        }
        bank.addGrain(tex, rnd, 0.2);
        return tex;
    }

    private static void metalWear(Mat tex, SplittableRandom rnd, int rgb, double light, boolean front) {
        int w = tex.cols(), h = tex.rows();
        double k = h / (double) BASE_H;
        // stiffening ribs pressed into the sheet
        for (double y : new double[] {0.12, 0.55}) {
            Draw.line(tex, new double[] {0, h * y}, new double[] {w, h * y}, Draw.bgr(rgb, light * 1.3), 3);
            Draw.line(tex, new double[] {0, h * y + 3}, new double[] {w, h * y + 3}, Draw.bgr(rgb, light * 0.55), 2);
        }
        for (int i = 0; i < 2 + rnd.nextInt(4); i++) {
            double x = rnd.nextDouble() * w, y = h * (0.2 + 0.6 * rnd.nextDouble());
            double rx = (8 + rnd.nextDouble() * 25) * k, ry = (6 + rnd.nextDouble() * 18) * k;
            Draw.blend(tex, Draw.ellipse(x, y, rx, ry, rnd.nextDouble(), 16, 0.3, rnd), Draw.grey(0), 0.35);
            Draw.blend(tex, Draw.ellipse(x - rx * 0.3, y - ry * 0.35, rx * 0.5, ry * 0.3, 0, 12, 0.3, rnd),
                    Draw.grey(255), 0.18);
        }
        for (int i = 0; i < 3 + rnd.nextInt(6); i++) {
            double x = rnd.nextDouble() * w, y = rnd.nextDouble() * h;
            Draw.blend(tex, Draw.ellipse(x, y, (4 + rnd.nextDouble() * 20) * k, (3 + rnd.nextDouble() * 12) * k,
                    rnd.nextDouble(), 12, 0.6, rnd), Draw.bgr(0x7a4020, light), 0.55);
        }
        if (front && rnd.nextDouble() < 0.8) {
            scribble(tex, rnd);
        }
    }

    private static void plasticDetails(Mat tex, SplittableRandom rnd, int rgb, double light, boolean front) {
        int w = tex.cols(), h = tex.rows();
        double k = h / (double) BASE_H;
        Draw.poly(tex, new double[][] {{0, 0}, {w, 0}, {w, h * 0.13}, {0, h * 0.13}}, Draw.bgr(rgb, light * 0.8));
        Draw.line(tex, new double[] {0, h * 0.13}, new double[] {w, h * 0.13}, Draw.bgr(rgb, light * 0.45), 2);
        Draw.line(tex, new double[] {w * 0.1, h * 0.3}, new double[] {w * 0.9, h * 0.3}, Draw.bgr(rgb, light * 1.2), 2);
        Draw.line(tex, new double[] {w * 0.1, h * 0.3}, new double[] {w * 0.1, h * 0.75}, Draw.bgr(rgb, light * 0.7), 2);
        Draw.line(tex, new double[] {w * 0.9, h * 0.3}, new double[] {w * 0.9, h * 0.75}, Draw.bgr(rgb, light * 0.7), 2);
        if (front) {
            if (rnd.nextBoolean()) {
                try (Point p = new Point((int) (w * 0.3), (int) (h * 0.5))) {
                    putText(tex, rnd.nextBoolean() ? "1100" : "TKO", p, FONT_HERSHEY_PLAIN, 1.6 * k,
                            Draw.bgr(0xf0f0f0, light), Math.max(1, (int) Math.round(2 * k)), LINE_AA, false);
                }
            }
            if (rnd.nextDouble() < 0.4) {
                scribble(tex, rnd);
            }
        }
    }

    /** Paint-marker scrawl: an address number or a tag. */
    private static void scribble(Mat tex, SplittableRandom rnd) {
        int h = tex.rows();
        double k = h / (double) BASE_H;
        String text = SCRIBBLES[rnd.nextInt(SCRIBBLES.length)];
        int colour = PAINT[rnd.nextInt(PAINT.length)];
        try (Point p = new Point((int) (tex.cols() * (0.1 + 0.4 * rnd.nextDouble())), (int) (h * (0.45 + 0.25 * rnd.nextDouble())))) {
            putText(tex, text, p, FONT_HERSHEY_SCRIPT_SIMPLEX, (1.0 + rnd.nextDouble()) * k, Draw.bgr(colour),
                    Math.max(1, (int) Math.round((2 + rnd.nextInt(3)) * k)), LINE_AA, false);
        }
    }

    Mat lid(SceneSpec.Container c, SplittableRandom rnd, double light, boolean underside, double detail) {
        int w = (int) Math.max(24, BASE_W * detail), h = (int) Math.max(24, BASE_H * detail);
        Mat tex = bank.mottled(rnd, w, h, rgbScaled(c.rgb(), light), 0.12);
        int rib = underside ? 4 : 2;
        for (int i = 1; i <= rib; i++) {
            double x = w * i / (rib + 1.0);
            Draw.line(tex, new double[] {x, h * 0.05}, new double[] {x, h * 0.95}, Draw.bgr(c.rgb(), light * 0.7), 3);
        }
        Draw.line(tex, new double[] {0, h * 0.9}, new double[] {w, h * 0.9}, Draw.bgr(c.rgb(), light * 1.25), 3);
        bank.addGrain(tex, rnd, 0.15);
        return tex;
    }

    static int rgbScaled(int rgb, double k) {
        int r = (int) Draw.clamp(((rgb >> 16) & 0xff) * k);
        int g = (int) Draw.clamp(((rgb >> 8) & 0xff) * k);
        int b = (int) Draw.clamp((rgb & 0xff) * k);
        return (r << 16) | (g << 8) | b;
    }
}
