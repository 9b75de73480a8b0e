package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.blur;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Whole-frame effects: light, weather particles, colour cast, blur, sensor noise, overlay, JPEG. */
final class Effects {

    private Effects() {
    }

    static void light(Mat img, SceneSpec.Conditions c, SplittableRandom rnd) {
        switch (c.light()) {
            case DAY -> img.convertTo(img, -1, 0.95 + 0.15 * rnd.nextDouble(), rnd.nextInt(12) - 6);
            case DUSK -> {
                img.convertTo(img, -1, 0.42 + 0.1 * rnd.nextDouble(), 4);
                tint(img, 0x30406a, 0.18); // blue hour
                glow(img, rnd, 0xffb060, 0.25); // a sodium street lamp off the picture
            }
            case NIGHT_IR -> {
                vignette(img);
                try (Mat grey = new Mat()) {
                    cvtColor(img, grey, COLOR_BGR2GRAY);
                    grey.convertTo(grey, -1, 1.5, -10);
                    cvtColor(grey, img, COLOR_GRAY2BGR);
                }
            }
        }
    }

    private static void tint(Mat img, int rgb, double alpha) {
        try (Scalar s = Draw.bgr(rgb); Mat flat = new Mat(img.rows(), img.cols(), CV_8UC3, s)) {
            addWeighted(img, 1 - alpha, flat, alpha, 0, img);
        }
    }

    private static void glow(Mat img, SplittableRandom rnd, int rgb, double alpha) {
        double cx = rnd.nextBoolean() ? 0.1 : 0.9;
        radial(img, cx, 0.2, 0.7, rgb, alpha, true);
    }

    /** The IR illuminator lights the middle of the picture; corners fall off to dark. */
    private static void vignette(Mat img) {
        radial(img, 0.5, 0.5, 0.75, 0x000000, 0.75, false);
    }

    /**
     * Blends a colour with a weight that falls off smoothly with distance from (cx, cy) (fractions
     * of the frame; radius as a fraction of the width): strongest at the centre when `inside`,
     * strongest at the edges otherwise. Computed on a coarse grid and scaled up, so it is smooth.
     */
    private static void radial(Mat img, double cx, double cy, double radius, int rgb, double alpha, boolean inside) {
        int gw = 64, gh = Math.max(2, 64 * img.rows() / img.cols());
        float[] take = new float[gw * gh];
        double aspect = (double) img.rows() / img.cols();
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                double dx = (x + 0.5) / gw - cx, dy = ((y + 0.5) / gh - cy) * aspect;
                double d = Math.min(1, Math.hypot(dx, dy) / radius);
                double f = inside ? (1 - d) * (1 - d) : d * d * d;
                take[y * gw + x] = (float) (alpha * f);
            }
        }
        try (org.bytedeco.javacpp.FloatPointer data = new org.bytedeco.javacpp.FloatPointer(take);
             Mat small = new Mat(gh, gw, org.bytedeco.opencv.global.opencv_core.CV_32FC1, data);
             Mat big = new Mat();
             Mat keep = new Mat();
             Size size = new Size(img.cols(), img.rows());
             Scalar s = Draw.bgr(rgb);
             Mat flat = new Mat(img.rows(), img.cols(), CV_8UC3, s);
             Mat out = new Mat()) {
            org.bytedeco.opencv.global.opencv_imgproc.resize(small, big, size, 0, 0,
                    org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR);
            big.convertTo(keep, -1, -1, 1);
            org.bytedeco.opencv.global.opencv_imgproc.blendLinear(img, flat, keep, big, out);
            out.copyTo(img);
        }
    }

    static void weather(Mat img, SceneSpec.Conditions c, SplittableRandom rnd) {
        double area = img.cols() * img.rows() / (1280.0 * 720);
        if (c.weather() == SceneSpec.Weather.SNOW) {
            // flakes out of focus: soft dots, a few large ones close to the lens
            try (Mat flakes = new Mat(img.rows(), img.cols(), org.bytedeco.opencv.global.opencv_core.CV_8UC1,
                    new Scalar(0))) {
                for (int i = 0; i < (int) (350 * area); i++) {
                    int r = rnd.nextDouble() < 0.85 ? 1 + rnd.nextInt(2) : 3 + rnd.nextInt(4);
                    try (Point p = new Point(rnd.nextInt(img.cols()), rnd.nextInt(img.rows()))) {
                        circle(flakes, p, r, Draw.grey(150 + rnd.nextInt(100)), -1, LINE_AA, 0);
                    }
                }
                try (Size k = new Size(5, 5); Mat take = new Mat(); Mat keep = new Mat();
                     Scalar white = Draw.grey(240);
                     Mat flat = new Mat(img.rows(), img.cols(), CV_8UC3, white); Mat out = new Mat()) {
                    org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(flakes, flakes, k, 0);
                    flakes.convertTo(take, org.bytedeco.opencv.global.opencv_core.CV_32FC1, 1 / 255.0, 0);
                    flakes.convertTo(keep, org.bytedeco.opencv.global.opencv_core.CV_32FC1, -1 / 255.0, 1);
                    org.bytedeco.opencv.global.opencv_imgproc.blendLinear(img, flat, keep, take, out);
                    out.copyTo(img);
                }
            }
            img.convertTo(img, -1, 0.92, 14); // haze of falling snow
        } else if (c.weather() == SceneSpec.Weather.RAIN) {
            img.convertTo(img, -1, 0.85, 10);
            try (Mat layer = img.clone()) {
                double slant = (rnd.nextDouble() - 0.5) * 0.4;
                for (int i = 0; i < (int) (700 * area); i++) {
                    double x = rnd.nextInt(img.cols()), y = rnd.nextInt(img.rows()), len = 12 + rnd.nextInt(22);
                    Draw.line(layer, new double[] {x, y}, new double[] {x + slant * len, y + len}, Draw.grey(200), 1);
                }
                addWeighted(img, 0.6, layer, 0.4, 0, img);
            }
        }
    }

    static void cast(Mat img, SceneSpec.Cast cast) {
        double[] k = switch (cast) {
            case NONE -> null;
            case GREEN -> new double[] {0.94, 1.08, 0.92};
            case PURPLE -> new double[] {1.07, 0.9, 1.06};
            case WARM -> new double[] {0.9, 1.0, 1.1};
            case BLUE -> new double[] {1.1, 1.0, 0.92};
        };
        if (k == null) {
            return;
        }
        try (Scalar s = new Scalar(128 * k[0], 128 * k[1], 128 * k[2], 0);
             Mat factors = new Mat(img.rows(), img.cols(), CV_8UC3, s)) {
            multiply(img, factors, img, 1.0 / 128, -1);
        }
    }

    static void motionBlur(Mat img, double px) {
        if (px >= 1.5) {
            try (Size k = new Size((int) Math.round(px), 1)) {
                blur(img, img, k);
            }
        }
    }

    static void timestamp(Mat img, String text, SplittableRandom rnd) {
        double scale = img.rows() / 720.0 * 0.9;
        int x = (int) (img.cols() * 0.02), y = (int) (img.rows() * (rnd.nextBoolean() ? 0.06 : 0.96));
        try (Point p = new Point(x, y)) {
            putText(img, text, p, FONT_HERSHEY_SIMPLEX, scale, Draw.grey(0), Math.max(2, (int) (4 * scale)), LINE_AA, false);
            putText(img, text, p, FONT_HERSHEY_SIMPLEX, scale, Draw.grey(245), Math.max(1, (int) (1.6 * scale)), LINE_AA, false);
        }
    }

    /** Re-encodes the frame as JPEG of the given quality, leaving its block artefacts. */
    static void jpeg(Mat img, int quality) {
        if (quality <= 0) {
            return;
        }
        try (BytePointer buf = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
             BytePointer ext = new BytePointer(".jpg")) {
            imencode(ext, img, buf, params);
            try (Mat encoded = new Mat(1, (int) buf.limit(), org.bytedeco.opencv.global.opencv_core.CV_8UC1, buf);
                 Mat decoded = imdecode(encoded, IMREAD_COLOR)) {
                decoded.copyTo(img);
            }
        }
    }
}
