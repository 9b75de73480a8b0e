package org.fillwatch.camera;

import java.time.Instant;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Where one camera's pictures come from. Used by one sampling thread at a time. */
interface FrameSource extends AutoCloseable {

    /**
     * Takes one picture for the instant {@code at} and hands it (BGR, 8 bit) to {@code sink}; the
     * picture is released when this method returns. Throws when no picture could be had.
     */
    void sample(Instant at, Consumer<Mat> sink) throws Exception;

    /** Releases any open connection or file; the next sample opens it again. */
    @Override
    void close();
}
