package org.fillwatch.scene;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes BGR frames to an AVI file as MPEG-4 Part 2 (the bundled FFmpeg has no H.264 encoder),
 * with a keyframe every few frames so a reader can start anywhere in a short clip.
 */
final class ClipWriter implements AutoCloseable {

    /**
     * MPEG-4 quantiser: 2 is near lossless, 31 is worst. 6 keeps bags and boxes crisp and a
     * two-minute 960x540 clip at 2 frames/s under 4 MB even with falling snow.
     */
    static final int QUANTISER = 6;

    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    ClipWriter(Path file, int width, int height, double fps, int keyframeInterval) throws FrameRecorder.Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // no stream banner on every clip
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
        recorder.setFormat("avi");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(keyframeInterval);
        recorder.setVideoQuality(QUANTISER);
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            recorder.release();
            throw e;
        }
    }

    void write(Mat bgr) throws FrameRecorder.Exception {
        recorder.record(converter.convert(bgr));
    }

    @Override
    public void close() throws FrameRecorder.Exception {
        try {
            recorder.stop();
        } finally {
            recorder.release();
            converter.close();
        }
    }
}
