package org.fillwatch.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A local video file played in a loop as if it were a live camera: the picture taken at wall-clock
 * time t is the file's frame (t - start) * fps modulo its length, however often it is sampled.
 */
final class LoopedFileSource implements FrameSource {

    private final Path file;
    private final Instant start;
    private final boolean keepOpen;
    private FFmpegFrameGrabber grabber;
    private double fps;
    private int length;
    private long lastIndex = -1;

    LoopedFileSource(Path file, Instant start, boolean keepOpen) {
        this.file = file;
        this.start = start;
        this.keepOpen = keepOpen;
    }

    /** The frame shown at {@code sinceStart} by a clip of {@code length} frames at {@code fps}. */
    static long frameAt(Duration sinceStart, double fps, int length) {
        long frames = (long) Math.floor(sinceStart.toNanos() / 1e9 * fps);
        return Math.floorMod(frames, (long) length);
    }

    @Override
    public void sample(Instant at, Consumer<Mat> sink) throws Exception {
        boolean ok = false;
        try {
            if (grabber == null) {
                open();
            }
            Frame frame = frame(frameAt(Duration.between(start, at), fps, length));
            Grabbers.deliver(frame, sink);
            ok = true;
        } finally {
            if (!ok || !keepOpen) {
                close();
            }
        }
    }

    private void open() throws IOException {
        if (!Files.isReadable(file)) {
            throw new NoSuchFileException(file.toString(), null, "video file not found or not readable");
        }
        grabber = Grabbers.open(file.toString(), null, Duration.ZERO, Duration.ZERO);
        fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
        length = grabber.getLengthInVideoFrames();
        if (!(fps > 0) || length <= 0) {
            throw new IOException("cannot tell frame rate (" + fps + ") or length (" + length + ") of " + file);
        }
        lastIndex = -1;
    }

    /** Reads forward when the wanted frame is less than a second ahead, else seeks (which decodes from a key frame). */
    private Frame frame(long target) throws IOException {
        if (lastIndex >= 0 && target > lastIndex && target - lastIndex <= Math.max(1, Math.round(fps))) {
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                lastIndex = index(frame);
                if (lastIndex >= target) {
                    return frame;
                }
            }
        }
        grabber.setVideoFrameNumber((int) target);
        Frame frame = grabber.grabImage();
        if (frame == null && target > 0) {
            // the container promised more frames than it holds: learn the real length and wrap
            length = (int) target;
            grabber.setVideoFrameNumber(0);
            frame = grabber.grabImage();
        }
        if (frame == null) {
            throw new IOException("no picture at frame " + target + " of " + file);
        }
        lastIndex = index(frame);
        return frame;
    }

    private long index(Frame frame) {
        return Math.round(frame.timestamp * fps / 1e6);
    }

    @Override
    public void close() {
        Grabbers.closeQuietly(grabber);
        grabber = null;
    }
}
