package org.fillwatch.vision.model;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The network's input convention in one place: RGB, x = (pixel - 128) / 128, channels first.
 * Crops are BGR Mats as OpenCV gives them. The programs {@link FusedProgram} builds take the
 * crops' own bytes instead ({@link #pixels}) and do the same conversion inside libtorch: a quarter
 * of the bytes to copy, and no Java loop per pixel.
 */
public final class CropTensors {

    public static final String NORMALISATION = "RGB, x = (pixel - 128) / 128, NCHW";

    private CropTensors() {
    }

    /** Writes one BGR crop as 3 x H x W floats into {@code dst} starting at {@code offset}. */
    public static void writeChw(Mat bgr, float[] dst, int offset) {
        checkType(bgr);
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
        normalise(pixels, 0, plane, dst, offset);
    }

    public static float[] toChw(Mat bgr) {
        float[] out = new float[bgr.rows() * bgr.cols() * 3];
        writeChw(bgr, out, 0);
        return out;
    }

    /** {@code plane} BGR pixels (H x W x 3 bytes from {@code from}) as the network's 3 x H x W floats at {@code offset}. */
    public static void normalise(byte[] bgr, int from, int plane, float[] dst, int offset) {
        for (int i = 0; i < plane; i++) {
            int b = bgr[from + 3 * i] & 0xff;
            int g = bgr[from + 3 * i + 1] & 0xff;
            int r = bgr[from + 3 * i + 2] & 0xff;
            dst[offset + i] = (r - 128) / 128f;
            dst[offset + plane + i] = (g - 128) / 128f;
            dst[offset + 2 * plane + i] = (b - 128) / 128f;
        }
    }

    /** The crops as one N x size x size x 3 uint8 array of their BGR bytes, as a fused program reads them. */
    public static NDArray pixels(NDManager manager, List<Mat> crops, int size) {
        int bytes = size * size * 3;
        ByteBuffer data = ByteBuffer.allocateDirect(crops.size() * bytes);
        for (Mat crop : crops) {
            checkType(crop);
            checkSize(crop, size);
            Mat continuous = crop.isContinuous() ? crop : crop.clone();
            try {
                data.put(continuous.data().limit(bytes).asByteBuffer());
            } finally {
                if (continuous != crop) {
                    continuous.close();
                }
            }
        }
        data.flip();
        return manager.create(data, new Shape(crops.size(), size, size, 3), DataType.UINT8);
    }

    /** The crops as one N x 3 x size x size float array in the network's convention. */
    public static NDArray normalised(NDManager manager, List<Mat> crops, int size) {
        int values = size * size * 3;
        float[] data = new float[crops.size() * values];
        for (int i = 0; i < crops.size(); i++) {
            checkSize(crops.get(i), size);
            writeChw(crops.get(i), data, i * values);
        }
        return manager.create(data, new Shape(crops.size(), 3, size, size));
    }

    private static void checkType(Mat crop) {
        if (crop.type() != CV_8UC3) {
            throw new IllegalArgumentException("crop must be 8-bit BGR, got Mat type " + crop.type());
        }
    }

    private static void checkSize(Mat crop, int size) {
        if (crop.rows() != size || crop.cols() != size) {
            throw new IllegalArgumentException("crop is " + crop.cols() + "x" + crop.rows() + ", the model takes " + size + "x" + size);
        }
    }
}
