package org.fillwatch.camera;

import java.time.Duration;
import java.util.function.Consumer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.StreamUrls;

/** Opening FFmpeg grabbers with the options every source needs, and handing their frames on. */
final class Grabbers {

    private Grabbers() {
    }

    /**
     * Opens {@code url}. Network sources get read timeouts in every layer: FFmpeg's socket options
     * (microseconds) and JavaCV's interrupt callback (milliseconds), so a stalled server cannot hold a
     * worker for longer than about the timeouts.
     */
    static FFmpegFrameGrabber open(String url, String format, Duration connectTimeout, Duration readTimeout)
            throws FrameGrabber.Exception {
        MaskedFFmpegLog.install();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        grabber.setImageMode(FrameGrabber.ImageMode.COLOR); // decoded to BGR24
        if (format != null) {
            grabber.setFormat(format);
        }
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        boolean rtsp = lower.startsWith("rtsp://") || lower.startsWith("rtsps://");
        boolean network = rtsp || lower.startsWith("http://") || lower.startsWith("https://");
        if (network) {
            String readMicros = String.valueOf(readTimeout.toNanos() / 1000);
            grabber.setOption("rw_timeout", readMicros);
            grabber.setOption("timeout", readMicros);
            grabber.setTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.plus(readTimeout).toMillis()));
            // FFmpeg's default 5 s of stream analysis made every burst sample of an RTSP camera take
            // about 2 s; one second still sees a key frame from cameras with the usual GOP lengths
            grabber.setOption("analyzeduration", "1000000");
            if (rtsp) {
                grabber.setOption("rtsp_transport", "tcp");
            } else {
                grabber.setOption("reconnect", "0"); // reconnecting is the sampler's job, with backoff
            }
        }
        try {
            grabber.start();
            return grabber;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new FrameGrabber.Exception(StreamUrls.mask(explain(String.valueOf(e.getMessage()))), e);
        }
    }

    private static final java.util.regex.Pattern AV_ERROR = java.util.regex.Pattern.compile("error (-\\d+)");

    /** JavaCV reports FFmpeg's numeric error (e.g. -825242872); add FFmpeg's words for it ("Server returned 401 ..."). */
    static String explain(String message) {
        java.util.regex.Matcher m = AV_ERROR.matcher(message);
        if (!m.find()) {
            return message;
        }
        try (org.bytedeco.javacpp.BytePointer text = new org.bytedeco.javacpp.BytePointer(256)) {
            text.fill(0); // fresh native memory holds old bytes (a test once found a stream password there)
            int code = Integer.parseInt(m.group(1));
            if (org.bytedeco.ffmpeg.global.avutil.av_strerror(code, text, 255) < 0) {
                return message;
            }
            byte[] bytes = new byte[256];
            text.get(bytes);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++; // the reason ends at the first NUL; getString() would read the whole buffer
            }
            String reason = new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
            int cut = message.indexOf(". (Has setFormat()");
            return reason + ": " + (cut > 0 ? message.substring(0, cut) : message);
        } catch (NumberFormatException e) {
            return message;
        }
    }

    /** Converts {@code frame} (owned by its grabber) to a Mat, hands it on, and releases what the conversion made. */
    static void deliver(Frame frame, Consumer<Mat> sink) {
        if (frame == null || frame.image == null) {
            throw new IllegalStateException("no picture in the frame");
        }
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            Mat mat = converter.convert(frame); // a view of the frame's pixels, freed with the converter
            Mat bgr = BgrFrames.toBgr(mat);
            try {
                sink.accept(bgr);
            } finally {
                if (bgr != mat) {
                    bgr.close();
                }
            }
        }
    }

    static void closeQuietly(FFmpegFrameGrabber grabber) {
        if (grabber == null) {
            return;
        }
        try {
            grabber.close(); // stop + release; also frees the Frame the grabber reuses
        } catch (Exception | Error e) {
            // nothing left to do with a grabber that fails to close
        }
    }
}
