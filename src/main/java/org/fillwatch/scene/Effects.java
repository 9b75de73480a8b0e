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
                try (Mat grey = new Mat()) {
                    cvtColor(img, grey, COLOR_BGR2GRAY);
                    grey.convertTo(grey, -1, 1.25, -15);
                    cvtColor(grey, img, COLOR_GRAY2BGR);
                }
                vignette(img);
            }
        }
    }

    private static void tint(Mat img, int rgb, double alpha) {
        try (Scalar s = Draw.bgr(rgb); Mat flat = new Mat(img.rows(), img.cols(), CV_8UC3, s)) {
            addWeighted(img, 1 - alpha, flat, alpha, 0, img);
        }
    }

    private static void glow(Mat img, SplittableRandom rnd, int rgb, double alpha) {
        double cx = img.cols() * (rnd.nextBoolean() ? 0.1 : 0.9), cy = img.rows() * 0.2;
        for (int i = 1; i <= 4; i++) {
            Draw.blend(img, Draw.ellipse(cx, cy, img.cols() * 0.22 * i, img.rows() * 0.35 * i, 0, 24, 0, null),
                    Draw.bgr(rgb), alpha / 4);
        }
    }

    /** The IR illuminator lights the middle of the picture; corners fall off to dark. */
    private static void vignette(Mat img) {
        double cx = img.cols() / 2.0, cy = img.rows() / 2.0;
        for (int i = 1; i <= 4; i++) {
            double k = 1.25 - 0.1 * i;
            double[][] ring = Draw.ellipse(cx, cy, cx * k, cy * k, 0, 32, 0, null);
            double[][] frame = {{0, 0}, {img.cols(), 0}, {img.cols(), img.rows()}, {0, img.rows()}};
            // darken outside the ellipse: blend the frame, then restore the inside from a copy
            try (Mat inside = img.clone()) {
                Draw.blend(img, frame, Draw.grey(0), 0.12);
                try (org.bytedeco.opencv.opencv_core.Rect r = Draw.bounds(img, ring, 0)) {
                    if (r != null) {
                        try (Mat mask = Draw.mask(r, ring); Mat src = inside.apply(r); Mat dst = img.apply(r)) {
                            src.copyTo(dst, mask);
                        }
                    }
                }
            }
        }
    }

    static void weather(Mat img, SceneSpec.Conditions c, SplittableRandom rnd) {
        double area = img.cols() * img.rows() / (1280.0 * 720);
        if (c.weather() == SceneSpec.Weather.SNOW) {
            try (Mat layer = img.clone()) {
                for (int i = 0; i < (int) (500 * area); i++) {
                    int r = rnd.nextDouble() < 0.85 ? 1 : 2 + rnd.nextInt(3);
                    try (Point p = new Point(rnd.nextInt(img.cols()), rnd.nextInt(img.rows()))) {
                        circle(layer, p, r, Draw.grey(235 + rnd.nextInt(20)), -1, LINE_AA, 0);
                    }
                }
                addWeighted(img, 0.2, layer, 0.8, 8, img);
            }
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
            case GREEN -> new double[] {0.9, 1.12, 0.88};
            case PURPLE -> new double[] {1.12, 0.85, 1.1};
            case WARM -> new double[] {0.85, 1.0, 1.15};
            case BLUE -> new double[] {1.15, 1.0, 0.88};
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
