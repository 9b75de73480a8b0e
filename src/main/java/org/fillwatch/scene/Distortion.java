package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

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
        // the map is smooth, so it is computed on a grid 4x coarser and scaled up (exact at grid
        // points, well under 0.1 px off in between); a full-size loop took longer than a render
        int gw = (width + 3) / 4, gh = (height + 3) / 4;
        float[] xs = new float[gw * gh];
        float[] ys = new float[gw * gh];
        double cx = width / 2.0, cy = height / 2.0, norm = Math.hypot(cx, cy);
        for (int j = 0; j < gh; j++) {
            double v = (j + 0.5) * height / gh - 0.5;
            for (int i = 0; i < gw; i++) {
                double u = (i + 0.5) * width / gw - 0.5;
                double dx = (u - cx) / norm, dy = (v - cy) / norm;
                double s = (1 + k * (dx * dx + dy * dy)) / (1 + k);
                xs[j * gw + i] = (float) (cx + dx * s * norm);
                ys[j * gw + i] = (float) (cy + dy * s * norm);
            }
        }
        mapX = scaled(xs, gw, gh, width, height);
        mapY = scaled(ys, gw, gh, width, height);
    }

    private static Mat scaled(float[] values, int gw, int gh, int width, int height) {
        try (Mat small = floats(values, gw, gh); Size size = new Size(width, height)) {
            Mat out = new Mat();
            resize(small, out, size, 0, 0, INTER_LINEAR);
            return out;
        }
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

    /**
     * Where an undistorted pixel lands in the distorted frame (inverse of the map, by iteration).
     * Pure arithmetic: still valid after the maps were closed.
     */
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
