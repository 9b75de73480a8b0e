package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Many soft-edged blotches of one colour (stains, tracks, trampled snow) collected in a coarse
 * mask and blended into a texture in one pass: far cheaper than blurring each blotch on its own.
 */
final class SoftLayer implements AutoCloseable {

    private final Mat mask;
    private final int scale;

    /** A layer for a texture of width x height, drawn at 1/scale resolution. */
    SoftLayer(int width, int height, int scale) {
        this.scale = scale;
        this.mask = new Mat(Math.max(2, height / scale), Math.max(2, width / scale), CV_8UC1, new Scalar(0));
    }

    /** Adds a blotch (texture pixel coordinates) with opacity 0..1. */
    void add(double[][] pts, double alpha) {
        double[][] small = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            small[i] = new double[] {pts[i][0] / scale, pts[i][1] / scale};
        }
        Draw.poly(mask, small, Draw.grey(255 * Math.max(0, Math.min(1, alpha))));
    }

    /** Blends the colour into the texture where blotches were added, edges softened by `soft` px. */
    void apply(Mat texture, int rgb, int soft) {
        int k = Math.max(1, soft / scale) * 2 + 1;
        try (Size ks = new Size(k, k);
             Size full = new Size(texture.cols(), texture.rows());
             Mat big = new Mat();
             Scalar colour = Draw.bgr(rgb);
             Mat flat = new Mat(texture.rows(), texture.cols(), texture.type(), colour)) {
            GaussianBlur(mask, mask, ks, 0);
            resize(mask, big, full, 0, 0, INTER_LINEAR);
            Draw.mixByMask(texture, flat, big, 1);
        }
    }

    @Override
    public void close() {
        mask.close();
    }
}
