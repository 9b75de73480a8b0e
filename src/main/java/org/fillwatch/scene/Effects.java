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
            case DAY -> {
                img.convertTo(img, -1, 0.95 + 0.15 * rnd.nextDouble(), rnd.nextInt(12) - 6);
                if (rnd.nextBoolean()) {
                    // uneven daylight: a building's shade or a brighter patch of sky over part of the site
                    radial(img, rnd.nextDouble(), rnd.nextDouble(), 0.8 + 0.4 * rnd.nextDouble(), 0xffffff,
                            0.2 + 0.25 * rnd.nextDouble(), false);
                }
            }
            case DUSK -> {
                img.convertTo(img, -1, 0.42 + 0.1 * rnd.nextDouble(), 4);
                tint(img, 0x30406a, 0.18); // blue hour
                glow(img, rnd, 0xffb060, 0.22); // a sodium street lamp off the picture
            }
            case NIGHT_IR -> {
                vignette(img);
                try (Mat grey = new Mat()) {
                    cvtColor(img, grey, COLOR_BGR2GRAY);
                    // IR makes plastic and paint look alike: strong contrast, dark far away
                    grey.convertTo(grey, -1, 1.35, -25);
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

    private static void glow(Mat img, SplittableRandom rnd, int rgb, double strength) {
        radial(img, rnd.nextBoolean() ? 0.1 : 0.9, 0.2, 0.7, rgb, strength, true);
    }

    /** The IR illuminator lights the middle of the picture; corners fall off to dark. */
    private static void vignette(Mat img) {
        radial(img, 0.5, 0.55, 0.62, 0xffffff, 0.9, false);
    }

    /**
     * A smooth radial field around (cx, cy) (fractions of the frame; radius a fraction of the width),
     * computed on a coarse grid and scaled up. As `light` it adds the colour (a lamp's glow, strongest
     * at the centre); otherwise it darkens towards the edges by up to `strength` (a vignette).
     */
    private static void radial(Mat img, double cx, double cy, double radius, int rgb, double strength, boolean light) {
        int gw = 64, gh = Math.max(2, 64 * img.rows() / img.cols());
        byte[] field = new byte[gw * gh * 3];
        double aspect = (double) img.rows() / img.cols();
        double[] bgr = {rgb & 0xff, (rgb >> 8) & 0xff, (rgb >> 16) & 0xff};
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                double dx = (x + 0.5) / gw - cx, dy = ((y + 0.5) / gh - cy) * aspect;
                double d = Math.min(1, Math.hypot(dx, dy) / radius);
                for (int ch = 0; ch < 3; ch++) {
                    double v = light ? bgr[ch] * strength * (1 - d) * (1 - d) : 255 * (1 - strength * d * d * d);
                    field[(y * gw + x) * 3 + ch] = (byte) Draw.clamp(v);
                }
            }
        }
        try (Mat small = new Mat(gh, gw, CV_8UC3);
             Mat big = new Mat();
             Size size = new Size(img.cols(), img.rows())) {
            small.data().put(field);
            org.bytedeco.opencv.global.opencv_imgproc.resize(small, big, size, 0, 0,
                    org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR);
            if (light) {
                org.bytedeco.opencv.global.opencv_core.add(img, big, img);
            } else {
                multiply(img, big, img, 1.0 / 255, -1);
            }
        }
    }

    static void weather(Mat img, SceneSpec.Conditions c, SplittableRandom rnd) {
        double area = img.cols() * img.rows() / (1280.0 * 720);
        if (c.weather() == SceneSpec.Weather.SNOW) {
            // flakes out of focus: soft dots drawn at half size (large frames), blurred, added as light
            int div = img.cols() >= 960 ? 2 : 1;
            int hw = img.cols() / div, hh = img.rows() / div;
            try (Mat flakes = new Mat(hh, hw, org.bytedeco.opencv.global.opencv_core.CV_8UC1, new Scalar(0));
                 Size k = new Size(3, 3);
                 Size full = new Size(img.cols(), img.rows());
                 Mat big = new Mat();
                 Mat big3 = new Mat()) {
                for (int i = 0; i < (int) (160 * area); i++) {
                    int r = rnd.nextDouble() < 0.85 ? 1 : 2 + rnd.nextInt(2);
                    try (Point p = new Point(rnd.nextInt(hw), rnd.nextInt(hh))) {
                        circle(flakes, p, r, Draw.grey(150 + rnd.nextInt(100)), -1, LINE_AA, 0);
                    }
                }
                org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(flakes, flakes, k, 0);
                org.bytedeco.opencv.global.opencv_imgproc.resize(flakes, big, full, 0, 0,
                        org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR);
                cvtColor(big, big3, COLOR_GRAY2BGR);
                img.convertTo(img, -1, 0.92, 14); // haze of falling snow
                org.bytedeco.opencv.global.opencv_core.add(img, big3, img);
            }
        } else if (c.weather() == SceneSpec.Weather.RAIN) {
            img.convertTo(img, -1, 0.85, 10);
            try (Mat layer = img.clone()) {
                double slant = (rnd.nextDouble() - 0.5) * 0.4;
                for (int i = 0; i < (int) (700 * area); i++) {
                    double x = rnd.nextInt(img.cols()), y = rnd.nextInt(img.rows());
                    double len = (12 + rnd.nextInt(22)) * Math.max(0.3, img.cols() / 1280.0);
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
