package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class JpegDecoderTest {

    @Test
    void loadingRoundTripsAProbePicture() {
        assertThat(JpegDecoder.load()).containsExactly(16, 16);
    }

    @Test
    void aJpegIsDecodedWholeOrScaledByTheDecoderAndGarbageComesBackEmpty() {
        byte[] jpeg;
        try (Scalar grey = new Scalar(128, 128, 128, 0); Mat picture = new Mat(720, 1280, opencv_core.CV_8UC3, grey);
             BytePointer encoded = new BytePointer()) {
            opencv_imgcodecs.imencode(".jpg", picture, encoded);
            jpeg = new byte[(int) encoded.limit()];
            encoded.get(jpeg);
        }
        try (Mat whole = JpegDecoder.decode(jpeg, 1); Mat half = JpegDecoder.decode(jpeg, 2);
             Mat eighth = JpegDecoder.decode(jpeg, 8); Mat garbage = JpegDecoder.decode(new byte[] {1, 2, 3}, 1)) {
            assertThat(new int[] {whole.cols(), whole.rows()}).containsExactly(1280, 720);
            assertThat(new int[] {half.cols(), half.rows()}).containsExactly(640, 360);
            assertThat(new int[] {eighth.cols(), eighth.rows()}).containsExactly(160, 90);
            assertThat(garbage.empty()).isTrue();
        }
        assertThatThrownBy(() -> JpegDecoder.decode(jpeg, 3)).hasMessageContaining("got 3");
    }
}
