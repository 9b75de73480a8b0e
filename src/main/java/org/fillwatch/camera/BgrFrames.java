package org.fillwatch.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;

/** Brings any decoded picture to the 8-bit, 3-channel BGR layout that {@link FrameHandler} promises. */
final class BgrFrames {

    private BgrFrames() {
    }

    /** {@code mat} itself when it already is BGR 8-bit, else a new Mat that the caller must close. */
    static Mat toBgr(Mat mat) {
        if (mat.depth() == CV_8U && mat.channels() == 3) {
            return mat;
        }
        Mat eightBit = mat;
        if (mat.depth() != CV_8U) {
            eightBit = new Mat();
            // 16-bit grey (thermal/IR cameras) scaled into 0..255
            mat.convertTo(eightBit, CV_8U, mat.depth() == 2 ? 1.0 / 256 : 1.0, 0);
        }
        Mat bgr = new Mat();
        try {
            switch (eightBit.channels()) {
                case 1 -> cvtColor(eightBit, bgr, COLOR_GRAY2BGR);
                case 4 -> cvtColor(eightBit, bgr, COLOR_BGRA2BGR);
                case 3 -> eightBit.copyTo(bgr);
                default -> throw new IllegalStateException("unsupported picture with " + eightBit.channels() + " channels");
            }
        } catch (RuntimeException e) {
            bgr.close();
            throw e;
        } finally {
            if (eightBit != mat) {
                eightBit.close();
            }
        }
        return bgr;
    }
}
