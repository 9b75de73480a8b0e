package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.BORDER_TRANSPARENT;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.polylines;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Small drawing helpers over OpenCV that take polygons as double[][] pixel coordinates. */
final class Draw {

    /** Offset argument of fillPoly; never changed, so one shared instance is enough. */
    private static final Point ORIGIN = new Point(0, 0);

    private Draw() {
    }

    static Scalar bgr(int rgb) {
        return bgr(rgb, 1.0);
    }

    /** The colour 0xRRGGBB scaled by brightness k, as an OpenCV BGR scalar. */
    static Scalar bgr(int rgb, double k) {
        return new Scalar(clamp(((rgb) & 0xff) * k), clamp(((rgb >> 8) & 0xff) * k),
                clamp(((rgb >> 16) & 0xff) * k), 0);
    }

    static Scalar grey(double v) {
        return new Scalar(v, v, v, 0);
    }

    static int mix(int rgb1, int rgb2, double t) {
        int r = (int) Math.round(((rgb1 >> 16) & 0xff) * (1 - t) + ((rgb2 >> 16) & 0xff) * t);
        int g = (int) Math.round(((rgb1 >> 8) & 0xff) * (1 - t) + ((rgb2 >> 8) & 0xff) * t);
        int b = (int) Math.round((rgb1 & 0xff) * (1 - t) + (rgb2 & 0xff) * t);
        return (r << 16) | (g << 8) | b;
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(255, v));
    }

    static void poly(Mat img, double[][] pts, Scalar colour) {
        try (Point p = points(pts, 0, 0)) {
            fillPoly(img, p, new int[] {pts.length}, 1, colour, LINE_AA, 0, ORIGIN);
        }
        colour.close();
    }

    static void line(Mat img, double[] a, double[] b, Scalar colour, int thickness) {
        try (Point p = new Point((int) Math.round(a[0]), (int) Math.round(a[1]));
             Point q = new Point((int) Math.round(b[0]), (int) Math.round(b[1]))) {
            org.bytedeco.opencv.global.opencv_imgproc.line(img, p, q, colour, Math.max(1, thickness), LINE_AA, 0);
        }
        colour.close();
    }

    static void polyline(Mat img, double[][] pts, Scalar colour, int thickness) {
        try (Point p = points(pts, 0, 0)) {
            polylines(img, p, new int[] {pts.length}, 1, false, colour, Math.max(1, thickness), LINE_AA, 0);
        }
        colour.close();
    }

    static Point points(double[][] pts, double dx, double dy) {
        Point p = new Point(pts.length);
        for (int i = 0; i < pts.length; i++) {
            p.position(i).x((int) Math.round(pts[i][0] - dx)).y((int) Math.round(pts[i][1] - dy));
        }
        return p.position(0);
    }

    /** Bounding box of the polygon clipped to the image, or null when it lies outside. */
    static Rect bounds(Mat img, double[][] pts, int pad) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (double[] p : pts) {
            x0 = Math.min(x0, p[0]);
            y0 = Math.min(y0, p[1]);
            x1 = Math.max(x1, p[0]);
            y1 = Math.max(y1, p[1]);
        }
        int l = Math.max(0, (int) Math.floor(x0) - pad);
        int t = Math.max(0, (int) Math.floor(y0) - pad);
        int r = Math.min(img.cols(), (int) Math.ceil(x1) + pad + 1);
        int b = Math.min(img.rows(), (int) Math.ceil(y1) + pad + 1);
        if (r - l < 2 || b - t < 2) {
            return null;
        }
        return new Rect(l, t, r - l, b - t);
    }

    /** Polygon mask the size of rect, 255 inside. */
    static Mat mask(Rect rect, double[][] pts) {
        Mat mask = new Mat(rect.height(), rect.width(), CV_8UC1, new Scalar(0));
        try (Point p = points(pts, rect.x(), rect.y()); Scalar white = new Scalar(255)) {
            fillPoly(mask, p, new int[] {pts.length}, 1, white, LINE_AA, 0, ORIGIN);
        }
        return mask;
    }

    /**
     * Maps the whole texture onto the quad (corners in texture order: top-left, top-right,
     * bottom-right, bottom-left) with a perspective warp, touching only the quad's pixels.
     */
    static void warpInto(Mat img, Mat texture, double[][] quad) {
        Rect rect = bounds(img, quad, 1);
        if (rect == null) {
            return;
        }
        try (rect;
             Point2f src = new Point2f(4);
             Point2f dst = new Point2f(4)) {
            float w = texture.cols(), h = texture.rows();
            float[][] s = {{0, 0}, {w, 0}, {w, h}, {0, h}};
            for (int i = 0; i < 4; i++) {
                src.position(i).x(s[i][0]).y(s[i][1]);
                dst.position(i).x((float) (quad[i][0] - rect.x())).y((float) (quad[i][1] - rect.y()));
            }
            try (Mat homography = getPerspectiveTransform(src.position(0), dst.position(0));
                 Size size = new Size(rect.width(), rect.height());
                 Scalar zero = new Scalar(0);
                 Mat roi = img.apply(rect)) {
                // a transparent border leaves every pixel outside the quad as it was: no mask needed
                warpPerspective(texture, roi, homography, size, INTER_LINEAR, BORDER_TRANSPARENT, zero);
            }
        }
    }

    /** Blends a flat colour into the polygon with the given opacity (shadows, wet patches, tints). */
    static void blend(Mat img, double[][] pts, Scalar colour, double alpha) {
        Rect rect = bounds(img, pts, 1);
        if (rect == null) {
            colour.close();
            return;
        }
        try (rect;
             colour;
             Mat roi = img.apply(rect);
             Mat flat = new Mat(rect.height(), rect.width(), img.type(), colour);
             Mat mixed = new Mat();
             Mat mask = mask(rect, pts)) {
            addWeighted(roi, 1 - alpha, flat, alpha, 0, mixed);
            mixed.copyTo(roi, mask);
        }
    }

    /**
     * Like {@link #blend} but with edges softened over about `soft` pixels, for stains, tracks and
     * shadows, which have no hard outline in real pictures.
     */
    static void softBlend(Mat img, double[][] pts, Scalar colour, double alpha, int soft) {
        Rect rect = bounds(img, pts, soft * 2 + 1);
        if (rect == null) {
            colour.close();
            return;
        }
        int k = soft * 2 + 1;
        try (rect;
             colour;
             Mat roi = img.apply(rect);
             Mat flat = new Mat(rect.height(), rect.width(), img.type(), colour);
             Mat m8 = mask(rect, pts);
             Size ks = new Size(k, k)) {
            if (soft > 0) {
                org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(m8, m8, ks, 0);
            }
            mixByMask(roi, flat, m8, alpha);
        }
    }

    /** dst := dst * (1 - alpha * m) + other * alpha * m, with m the 8-bit mask scaled to 0..1. */
    static void mixByMask(Mat dst, Mat other, Mat mask8, double alpha) {
        try (Mat keep = new Mat(); Mat take = new Mat(); Mat out = new Mat()) {
            mask8.convertTo(take, org.bytedeco.opencv.global.opencv_core.CV_32FC1, alpha / 255, 0);
            mask8.convertTo(keep, org.bytedeco.opencv.global.opencv_core.CV_32FC1, -alpha / 255, 1);
            org.bytedeco.opencv.global.opencv_imgproc.blendLinear(dst, other, keep, take, out);
            out.copyTo(dst);
        }
    }

    /** Corners of an axis-aligned world box face etc. are given as {x, y, z}; a helper to build them. */
    static double[] p(double x, double y, double z) {
        return new double[] {x, y, z};
    }

    /** Polygon approximating an ellipse (centre, radii, rotation in radians), jittered by rough 0..1. */
    static double[][] ellipse(double cx, double cy, double rx, double ry, double angle, int n, double rough,
                              java.util.SplittableRandom rnd) {
        double[][] pts = new double[n][];
        double c = Math.cos(angle), s = Math.sin(angle);
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double k = rough > 0 ? 1 - rough / 2 + rough * rnd.nextDouble() : 1;
            double ex = Math.cos(t) * rx * k, ey = Math.sin(t) * ry * k;
            pts[i] = new double[] {cx + ex * c - ey * s, cy + ex * s + ey * c};
        }
        return pts;
    }

    static double[] lerp(double[] a, double[] b, double t) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + (b[i] - a[i]) * t;
        }
        return out;
    }
}
