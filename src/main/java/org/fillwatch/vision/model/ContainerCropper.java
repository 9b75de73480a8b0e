package org.fillwatch.vision.model;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RotatedRect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.pavilion.ContainerSpec.Point;

/**
 * Cuts one container out of a frame and rectifies it into a square crop: the polygon, grown by
 * a margin around its centre (so waste on the ground beside it is in view), is mapped onto the
 * crop's corners by a perspective transform. Training and the service use this same code, so the
 * model sees crops made exactly as in production.
 */
public final class ContainerCropper {

    /** The most a warp may shrink without aliasing visibly; beyond, the region is shrunk first. */
    static final double MAX_WARP_SHRINK = 2;

    private final int size;
    private final double margin;

    /**
     * @param size   side of the square crop in pixels
     * @param margin how much the polygon grows around its centre, e.g. 0.15 = 15 % each way
     */
    public ContainerCropper(int size, double margin) {
        if (size < 8) {
            throw new IllegalArgumentException("crop size must be at least 8, got " + size);
        }
        if (!(margin >= 0 && margin <= 2)) {
            throw new IllegalArgumentException("crop margin must be within 0..2, got " + margin);
        }
        this.size = size;
        this.margin = margin;
    }

    public int size() {
        return size;
    }

    public double margin() {
        return margin;
    }

    /**
     * @param frame   BGR image
     * @param polygon corners in normalised 0..1 coordinates, clockwise from top-left; with other
     *                than 4 corners the minimum-area rectangle around them is used
     * @return a new size x size BGR Mat owned by the caller
     */
    public Mat crop(Mat frame, List<Point> polygon) {
        if (frame == null || frame.empty()) {
            throw new IllegalArgumentException("empty frame");
        }
        double[][] quad = grow(quadrilateral(polygon));
        // pixel centres: normalised 0 is the left edge of pixel 0, i.e. pixel coordinate -0.5
        double w = frame.cols();
        double h = frame.rows();
        float[] src = new float[8];
        for (int i = 0; i < 4; i++) {
            src[2 * i] = (float) (quad[i][0] * w - 0.5);
            src[2 * i + 1] = (float) (quad[i][1] * h - 0.5);
        }
        double scale = Math.max(edge(src, 0, 1), edge(src, 1, 2)) / size;
        return scale > MAX_WARP_SHRINK ? warpShrunk(frame, src, scale) : warp(frame, src);
    }

    /**
     * A warp only interpolates (OpenCV has no area filter for warps: INTER_AREA falls back to
     * bilinear), so shrinking a polygon more than twice aliases. Its region is first shrunk by a
     * whole factor by area averaging (OpenCV's fast path, about a tenth of a fractional one) until
     * the warp shrinks by at most {@value #MAX_WARP_SHRINK}, as training shrinks the real photos
     * on load (to twice the crop size).
     */
    private Mat warpShrunk(Mat frame, float[] src, double scale) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            minX = Math.min(minX, src[2 * i]);
            maxX = Math.max(maxX, src[2 * i]);
            minY = Math.min(minY, src[2 * i + 1]);
            maxY = Math.max(maxY, src[2 * i + 1]);
        }
        int k = (int) Math.ceil(scale / MAX_WARP_SHRINK);
        // two pixels beyond the polygon for the interpolation; clamped to the frame, whose edge the warp replicates
        int[] xs = wholeMultiple(Math.floor(minX) - 2, Math.ceil(maxX) + 3, frame.cols(), k);
        int[] ys = wholeMultiple(Math.floor(minY) - 2, Math.ceil(maxY) + 3, frame.rows(), k);
        if (xs == null || ys == null) {
            return warp(frame, src); // the polygon lies (nearly) outside the frame: only its replicated edge is left
        }
        try (Rect box = new Rect(xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0]); Mat region = new Mat(frame, box);
             Mat small = new Mat(); Size smallSize = new Size((xs[1] - xs[0]) / k, (ys[1] - ys[0]) / k)) {
            opencv_imgproc.resize(region, small, smallSize, 0, 0, INTER_AREA);
            float[] moved = new float[8];
            for (int i = 0; i < 4; i++) {
                moved[2 * i] = (src[2 * i] - xs[0] + 0.5f) / k - 0.5f;
                moved[2 * i + 1] = (src[2 * i + 1] - ys[0] + 0.5f) / k - 0.5f;
            }
            return warp(small, moved);
        }
    }

    /**
     * The span {@code from..to} clamped to {@code 0..limit} and widened (or, at the frame's edges,
     * narrowed by less than {@code k}) to a whole multiple of {@code k}; null when under {@code k}.
     */
    private static int[] wholeMultiple(double from, double to, int limit, int k) {
        int lo = (int) Math.max(0, from);
        int hi = (int) Math.min(limit, to);
        if (hi - lo < k) {
            return null;
        }
        int missing = Math.floorMod(-(hi - lo), k);
        int up = Math.min(missing, limit - hi);
        hi += up;
        lo -= Math.min(missing - up, lo);
        hi -= (hi - lo) % k;
        return new int[] {lo, hi};
    }

    private Mat warp(Mat image, float[] src) {
        float lo = -0.5f;
        float hi = size - 0.5f;
        float[] dst = {lo, lo, hi, lo, hi, hi, lo, hi};
        try (Mat srcMat = points(src); Mat dstMat = points(dst);
             Mat transform = opencv_imgproc.getPerspectiveTransform(srcMat, dstMat);
             Size outSize = new Size(size, size); Scalar border = new Scalar()) {
            Mat out = new Mat();
            opencv_imgproc.warpPerspective(image, out, transform, outSize, INTER_LINEAR, BORDER_REPLICATE, border);
            return out;
        }
    }

    /**
     * The shortest side, in pixels of a {@code width} x {@code height} frame, of what {@link #crop}
     * cuts out for this polygon: at {@link #size()} or more the crop is made by shrinking, never by
     * enlarging, so the model gets every detail its input can hold.
     */
    public double shortestSide(List<Point> polygon, int width, int height) {
        double[][] quad = grow(quadrilateral(polygon));
        double shortest = Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            double[] a = quad[i];
            double[] b = quad[(i + 1) % 4];
            shortest = Math.min(shortest, Math.hypot((a[0] - b[0]) * width, (a[1] - b[1]) * height));
        }
        return shortest;
    }

    /**
     * The polygon that, grown by {@code margin} around its centre, covers the whole image: for
     * pictures that already are one container's crop (evaluation sets, CDCM photos, operator labels).
     */
    public static List<Point> wholeImage(double margin) {
        double lo = 0.5 - 0.5 / (1 + margin);
        double hi = 1 - lo;
        return List.of(new Point(lo, lo), new Point(hi, lo), new Point(hi, hi), new Point(lo, hi));
    }

    private static double edge(float[] p, int a, int b) {
        return Math.hypot(p[2 * a] - p[2 * b], p[2 * a + 1] - p[2 * b + 1]);
    }

    private double[][] grow(double[][] quad) {
        double cx = 0;
        double cy = 0;
        for (double[] p : quad) {
            cx += p[0] / 4;
            cy += p[1] / 4;
        }
        double[][] grown = new double[4][];
        for (int i = 0; i < 4; i++) {
            grown[i] = new double[] {cx + (quad[i][0] - cx) * (1 + margin), cy + (quad[i][1] - cy) * (1 + margin)};
        }
        return grown;
    }

    /** The polygon itself when it has 4 corners, else its minimum-area rectangle, clockwise from top-left. */
    static double[][] quadrilateral(List<Point> polygon) {
        if (polygon == null || polygon.size() < 3) {
            throw new IllegalArgumentException("a container polygon needs at least 3 corners, got "
                    + (polygon == null ? 0 : polygon.size()));
        }
        for (Point p : polygon) {
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                throw new IllegalArgumentException("polygon corner is not a number: " + p);
            }
        }
        if (polygon.size() == 4) {
            double[][] quad = new double[4][];
            for (int i = 0; i < 4; i++) {
                quad[i] = new double[] {polygon.get(i).x(), polygon.get(i).y()};
            }
            return quad;
        }
        float[] pts = new float[polygon.size() * 2];
        for (int i = 0; i < polygon.size(); i++) {
            pts[2 * i] = (float) polygon.get(i).x();
            pts[2 * i + 1] = (float) polygon.get(i).y();
        }
        try (Mat mat = points(pts); RotatedRect rect = opencv_imgproc.minAreaRect(mat); Mat box = new Mat();
             FloatIndexer idx = boxIndexer(rect, box)) {
            List<double[]> corners = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                corners.add(new double[] {idx.get(i, 0), idx.get(i, 1)});
            }
            return clockwiseFromTopLeft(corners);
        }
    }

    private static FloatIndexer boxIndexer(RotatedRect rect, Mat box) {
        opencv_imgproc.boxPoints(rect, box);
        return box.createIndexer();
    }

    /** Orders corners clockwise on screen (y down), starting with the one nearest the top-left. */
    static double[][] clockwiseFromTopLeft(List<double[]> corners) {
        double cx = corners.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double cy = corners.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        List<double[]> sorted = new ArrayList<>(corners);
        sorted.sort(Comparator.comparingDouble(p -> Math.atan2(p[1] - cy, p[0] - cx)));
        int first = 0;
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i)[0] + sorted.get(i)[1] < sorted.get(first)[0] + sorted.get(first)[1]) {
                first = i;
            }
        }
        double[][] out = new double[sorted.size()][];
        for (int i = 0; i < sorted.size(); i++) {
            out[i] = sorted.get((first + i) % sorted.size());
        }
        return out;
    }

    private static Mat points(float[] xy) {
        Mat mat = new Mat(xy.length / 2, 1, CV_32FC2);
        try (FloatIndexer idx = mat.createIndexer()) {
            idx.put(0L, xy);
        }
        return mat;
    }
}
