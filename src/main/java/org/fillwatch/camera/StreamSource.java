package org.fillwatch.camera;

import java.io.EOFException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.SamplingMode;

/** A live network stream (HTTP MJPEG, RTSP), opened per sample (burst) or kept open (continuous). */
final class StreamSource implements FrameSource {

    /** A frame that arrives faster than this was waiting in a buffer, not freshly sent by the camera. */
    private static final long BUFFERED_NANOS = 2_000_000;
    private static final int MAX_DRAIN = 500;
    private static final int MAX_EMPTY_FRAMES = 100;

    private final CameraSpec spec;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private FFmpegFrameGrabber grabber;

    StreamSource(CameraSpec spec, Duration connectTimeout, Duration readTimeout) {
        this.spec = spec;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    public void sample(Instant at, Consumer<Mat> sink) throws Exception {
        boolean fresh = grabber == null;
        boolean ok = false;
        try {
            if (fresh) {
                grabber = Grabbers.open(spec.url(), spec.format(), connectTimeout, readTimeout);
            }
            Frame frame = fresh ? firstPicture() : latestPicture();
            Grabbers.deliver(frame, sink);
            ok = true;
        } finally {
            if (!ok || spec.mode() != SamplingMode.CONTINUOUS) {
                close();
            }
        }
    }

    private Frame firstPicture() throws Exception {
        for (int i = 0; i < MAX_EMPTY_FRAMES; i++) {
            Frame frame = grabber.grabImage();
            if (frame == null) {
                throw new EOFException("stream ended before a picture arrived");
            }
            if (frame.image != null) {
                return frame;
            }
        }
        throw new EOFException("no decodable picture in the first " + MAX_EMPTY_FRAMES + " frames");
    }

    /**
     * The open stream has kept sending since the last sample and its frames wait in buffers; read
     * past the ones that come back at once so the handler sees what the camera shows now.
     */
    private Frame latestPicture() throws Exception {
        Frame frame;
        int read = 0;
        long took;
        do {
            long start = System.nanoTime();
            frame = grabber.grabImage();
            took = System.nanoTime() - start;
            if (frame == null) {
                throw new EOFException("stream ended");
            }
        } while (took < BUFFERED_NANOS && ++read < MAX_DRAIN);
        return frame;
    }

    @Override
    public void close() {
        Grabbers.closeQuietly(grabber);
        grabber = null;
    }
}
