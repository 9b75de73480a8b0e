package org.fillwatch.vision.model;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The network's input convention in one place: RGB, x = (pixel - 128) / 128, channels first.
 * Crops are BGR Mats as OpenCV gives them.
 */
public final class CropTensors {

    public static final String NORMALISATION = "RGB, x = (pixel - 128) / 128, NCHW";

    private CropTensors() {
    }

    /** Writes one BGR crop as 3 x H x W floats into {@code dst} starting at {@code offset}. */
    public static void writeChw(Mat bgr, float[] dst, int offset) {
        if (bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("crop must be 8-bit BGR, got Mat type " + bgr.type());
        }
        int plane = bgr.rows() * bgr.cols();
        byte[] pixels = new byte[plane * 3];
        Mat continuous = bgr.isContinuous() ? bgr : bgr.clone();
        try {
            continuous.data().get(pixels);
        } finally {
            if (continuous != bgr) {
                continuous.close();
            }
        }
        for (int i = 0; i < plane; i++) {
            int b = pixels[3 * i] & 0xff;
            int g = pixels[3 * i + 1] & 0xff;
            int r = pixels[3 * i + 2] & 0xff;
            dst[offset + i] = (r - 128) / 128f;
            dst[offset + plane + i] = (g - 128) / 128f;
            dst[offset + 2 * plane + i] = (b - 128) / 128f;
        }
    }

    public static float[] toChw(Mat bgr) {
        float[] out = new float[bgr.rows() * bgr.cols() * 3];
        writeChw(bgr, out, 0);
        return out;
    }
}
