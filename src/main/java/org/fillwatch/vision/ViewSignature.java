package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2d;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A cheap fingerprint of a frame for the tamper checks, from the grey frame shrunk to
 * {@link #WIDTH} px: its brightness, a contrast-normalised sharpness, and its edge map (gradient
 * magnitude, smoothed so that a pixel of jitter does not count, then normalised to zero mean and unit
 * variance so that a darker or lower-contrast picture of the same view looks the same).
 */
final class ViewSignature implements AutoCloseable {

    static final int WIDTH = 160;
    /** Mean HSV saturation (0..255) below which a picture counts as black-and-white. */
    static final double MONO_SATURATION = 12;

    final Mat grey = new Mat();
    final Mat edges = new Mat();
    final double brightness;
    /** A black-and-white picture: the camera's infrared night mode, compared with its own reference. */
    final boolean mono;
    /** Laplacian variance over grey variance: high-frequency share of the picture, lighting-independent. */
    final double sharpness;

    ViewSignature(Mat bgrFrame) {
        try (Mat small = new Mat(); Mat hsv = new Mat(); Mat f = new Mat(); Mat dx = new Mat(); Mat dy = new Mat();
             Mat mag = new Mat(); Mat lap = new Mat()) {
            Shrink.to(bgrFrame, small, WIDTH, Shrink.heightAt(bgrFrame, WIDTH));
            opencv_imgproc.cvtColor(small, grey, COLOR_BGR2GRAY);
            opencv_imgproc.cvtColor(small, hsv, COLOR_BGR2HSV);
            mono = opencv_core.mean(hsv).get(1) < MONO_SATURATION;
            grey.convertTo(f, CV_32F);
            double[] greyStats = stats(f);
            brightness = greyStats[0];
            opencv_imgproc.Laplacian(f, lap, CV_32F);
            double lapSd = stats(lap)[1];
            sharpness = greyStats[1] < 1 ? 0 : lapSd * lapSd / (greyStats[1] * greyStats[1]);
            opencv_imgproc.Sobel(f, dx, CV_32F, 1, 0);
            opencv_imgproc.Sobel(f, dy, CV_32F, 0, 1);
            opencv_core.magnitude(dx, dy, mag);
            try (Size k = new Size(3, 3)) {
                opencv_imgproc.GaussianBlur(mag, mag, k, 0);
            }
            double[] m = stats(mag);
            mag.convertTo(edges, CV_32F, 1 / Math.max(m[1], 1e-6), -m[0] / Math.max(m[1], 1e-6));
        }
    }

    /** Normalised cross-correlation of the two edge maps, -1..1 (1: the same view). */
    double similarity(ViewSignature other) {
        return similarity(other.edges);
    }

    /** The same against a reference's edge map. */
    double similarity(ViewReference reference) {
        try (Mat referenceEdges = reference.edges()) {
            return similarity(referenceEdges);
        }
    }

    private double similarity(Mat otherEdges) {
        if (otherEdges.rows() != edges.rows() || otherEdges.cols() != edges.cols()) {
            return -1;
        }
        try (Mat product = new Mat()) {
            opencv_core.multiply(edges, otherEdges, product);
            return opencv_core.mean(product).get(0);
        }
    }

    /**
     * How far this view is shifted against the other, in pixels of the shrunk picture, by phase
     * correlation of the edge maps (sub-pixel; a turned camera mostly shifts the picture).
     */
    double shift(ViewReference reference) {
        try (Mat a = reference.edges()) {
            if (a.rows() != edges.rows() || a.cols() != edges.cols()) {
                return Double.MAX_VALUE;
            }
            return shift(a);
        }
    }

    /** @param a the other edge map, overwritten */
    private double shift(Mat a) {
        // phaseCorrelate writes into its inputs through the bindings: b is a copy, a is the caller's own
        try (Mat window = new Mat(); Size size = edges.size(); Mat b = edges.clone()) {
            opencv_imgproc.createHanningWindow(window, size, CV_32F);
            try (Point2d d = opencv_imgproc.phaseCorrelate(a, b, window, (double[]) null)) {
                return Math.hypot(d.x(), d.y());
            }
        }
    }

    /** Mean absolute difference to another shrunk grey picture, 0..255. */
    double difference(Mat otherGrey) {
        if (otherGrey.rows() != grey.rows() || otherGrey.cols() != grey.cols()) {
            return 255;
        }
        try (Mat diff = new Mat()) {
            opencv_core.absdiff(grey, otherGrey, diff);
            return opencv_core.mean(diff).get(0);
        }
    }

    private static double[] stats(Mat m) {
        try (Mat mean = new Mat(); Mat sd = new Mat()) {
            opencv_core.meanStdDev(m, mean, sd);
            return new double[] {mean.ptr().getDouble(), sd.ptr().getDouble()};
        }
    }

    @Override
    public void close() {
        grey.close();
        edges.close();
    }
}
