package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Barrel distortion of wide-angle CCTV lenses, scaled so the frame corners stay the corners.
 * A destination pixel at normalised radius r samples the undistorted frame at r (1 + k r^2)/(1 + k).
 */
final class Distortion implements AutoCloseable {

    final int width;
    final int height;
    final double k;
    private final Mat mapX;
    private final Mat mapY;

    Distortion(int width, int height, double k) {
        this.width = width;
        this.height = height;
        this.k = k;
        float[] xs = new float[width * height];
        float[] ys = new float[width * height];
        double cx = width / 2.0, cy = height / 2.0, norm = Math.hypot(cx, cy);
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                double dx = (u - cx) / norm, dy = (v - cy) / norm;
                double s = (1 + k * (dx * dx + dy * dy)) / (1 + k);
                xs[v * width + u] = (float) (cx + dx * s * norm);
                ys[v * width + u] = (float) (cy + dy * s * norm);
            }
        }
        mapX = floats(xs, width, height);
        mapY = floats(ys, width, height);
    }

    private static Mat floats(float[] values, int width, int height) {
        try (FloatPointer p = new FloatPointer(values); Mat wrap = new Mat(height, width, CV_32FC1, p)) {
            return wrap.clone();
        }
    }

    void apply(Mat img) {
        try (Mat out = new Mat(); Scalar zero = new Scalar(0)) {
            remap(img, out, mapX, mapY, INTER_LINEAR, BORDER_REPLICATE, zero);
            out.copyTo(img);
        }
    }

    /** Where an undistorted pixel lands in the distorted frame (inverse of the map, by iteration). */
    double[] forward(double[] p) {
        double cx = width / 2.0, cy = height / 2.0, norm = Math.hypot(cx, cy);
        double sx = (p[0] - cx) / norm, sy = (p[1] - cy) / norm;
        double dx = sx, dy = sy;
        for (int i = 0; i < 20; i++) {
            double s = (1 + k * (dx * dx + dy * dy)) / (1 + k);
            dx = sx / s;
            dy = sy / s;
        }
        return new double[] {cx + dx * norm, cy + dy * norm};
    }

    boolean matches(int w, int h, double kk) {
        return w == width && h == height && kk == k;
    }

    @Override
    public void close() {
        mapX.close();
        mapY.close();
    }
}
