package org.fillwatch.camera;

import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.Pavilion;

/**
 * Receives every sampled frame. Called on a sampling worker thread; the frame (BGR, 8 bit) is owned
 * by the caller and released as soon as this method returns, so an implementation must copy what it
 * keeps.
 */
public interface FrameHandler {

    void onFrame(Pavilion pavilion, Instant capturedAt, Mat frame);

    /**
     * How many times smaller (1, 2, 4 or 8) this pavilion's frames, {@code width} x {@code height}
     * pixels at full size, may be handed to this handler. A JPEG snapshot is then decoded at that
     * size directly, which costs a fraction of a full decode (libjpeg scales while decoding).
     */
    default int reduction(Pavilion pavilion, int width, int height) {
        return 1;
    }
}
