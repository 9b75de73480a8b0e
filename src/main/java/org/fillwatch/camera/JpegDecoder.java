package org.fillwatch.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A JPEG snapshot's bytes to an 8-bit BGR picture, whole or at 1/2, 1/4 or 1/8 of its size: for a
 * JPEG the decoder itself scales, at a fraction of the full decode's cost (1280x720: 1.4 ms at half
 * size against 2.4 ms); other formats are decoded whole and shrunk. Shared by the snapshot cameras
 * and the benchmarks that replay their path.
 */
public final class JpegDecoder {

    private JpegDecoder() {
    }

    /**
     * Loads the native codec and image libraries by encoding and decoding a small picture once. The
     * first decode of a process loads them (about 3 s at a cold start) while holding JavaCPP's loader
     * lock: with sampling already running, every other camera worker waited on that lock and the
     * first seconds' samples were shed (JFR of the capacity benchmark's warm-up).
     *
     * @return the probe picture's width and height as decoded, for a caller to check
     */
    public static int[] load() {
        try (Scalar colour = new Scalar(40, 80, 120, 0); Mat probe = new Mat(16, 16, CV_8UC3, colour);
             BytePointer jpeg = new BytePointer()) {
            imencode(".jpg", probe, jpeg);
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            try (Mat back = decode(bytes, 1)) {
                return new int[] {back.cols(), back.rows()};
            }
        }
    }

    /** @return a new picture owned by the caller; empty when the bytes are not a decodable image */
    public static Mat decode(byte[] encoded, int reduction) {
        int flags = switch (reduction) {
            case 1 -> IMREAD_COLOR;
            case 2 -> IMREAD_REDUCED_COLOR_2;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 8 -> IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("decode reduction must be 1, 2, 4 or 8, got " + reduction);
        };
        try (BytePointer bytes = new BytePointer(encoded); Mat buffer = new Mat(1, encoded.length, CV_8UC1, bytes)) {
            return imdecode(buffer, flags);
        }
    }
}
