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
}
