package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** Whatever a decoder gives, the FrameHandler gets 8-bit BGR with three channels. */
class BgrFramesTest {

    @Test
    void bgrIsPassedThroughWithoutACopy() {
        try (Mat bgr = new Mat(4, 6, CV_8UC3, new Scalar(1, 2, 3, 0))) {
            assertThat(BgrFrames.toBgr(bgr)).isSameAs(bgr);
        }
    }

    @Test
    void greyBecomesThreeEqualChannels() {
        try (Mat grey = new Mat(4, 6, CV_8UC1, new Scalar(77)); Mat bgr = BgrFrames.toBgr(grey)) {
            assertPixel(bgr, 77, 77, 77);
        }
    }

    @Test
    void alphaIsDropped() {
        try (Mat bgra = new Mat(4, 6, CV_8UC4, new Scalar(10, 20, 30, 255)); Mat bgr = BgrFrames.toBgr(bgra)) {
            assertPixel(bgr, 10, 20, 30);
        }
    }

    @Test
    void sixteenBitGreyIsScaledToEightBits() {
        try (Mat deep = new Mat(4, 6, CV_16UC1, new Scalar(256 * 200)); Mat bgr = BgrFrames.toBgr(deep)) {
            assertPixel(bgr, 200, 200, 200);
        }
    }

    private static void assertPixel(Mat bgr, int b, int g, int r) {
        assertThat(bgr.depth()).isEqualTo(CV_8U);
        assertThat(bgr.channels()).isEqualTo(3);
        assertThat(bgr.cols()).isEqualTo(6);
        assertThat(bgr.rows()).isEqualTo(4);
        try (UByteIndexer px = bgr.createIndexer()) {
            assertThat(new int[] {px.get(3, 5, 0), px.get(3, 5, 1), px.get(3, 5, 2)}).containsExactly(b, g, r);
        }
    }
}
