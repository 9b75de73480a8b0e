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
        float lo = -0.5f;
        float hi = size - 0.5f;
        float[] dst = {lo, lo, hi, lo, hi, hi, lo, hi};
        try (Mat srcMat = points(src); Mat dstMat = points(dst);
             Mat transform = opencv_imgproc.getPerspectiveTransform(srcMat, dstMat);
             Size outSize = new Size(size, size); Scalar border = new Scalar()) {
            Mat out = new Mat();
            // shrinking a big polygon a lot: area-averaging avoids aliasing of the linear filter
            double scale = Math.max(edge(src, 0, 1) / size, edge(src, 1, 2) / size);
            int interpolation = scale > 2 ? INTER_AREA : INTER_LINEAR;
            opencv_imgproc.warpPerspective(frame, out, transform, outSize, interpolation, BORDER_REPLICATE, border);
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
