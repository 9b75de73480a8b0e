package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video file played as a live camera: looped, and showing the frame that wall-clock time calls for. */
class LoopedFileCameraIT {

    static final int FPS = 25;
    static final int FRAMES = 50; // a 2 s clip
    static final int WIDTH = 160;
    static final int HEIGHT = 120;

    @TempDir
    Path dir;

    /** Frame i is a flat colour that encodes i, so a sampled picture tells which frame it is. */
    static Scalar colourOf(int i) {
        return new Scalar(10 + 4 * i, 220 - 3 * i, 90, 0);
    }

    static long indexOf(CameraRig.Sample s) {
        return Math.round((s.centreBgr()[0] - 10) / 4);
    }

    static void record(Path file) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4); // MPEG-4 part 2: the bundled FFmpeg has no x264
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(12); // key frames every 12: seeking has to decode forward to the exact frame
            recorder.setVideoQuality(1);
            recorder.start();
            for (int i = 0; i < FRAMES; i++) {
                try (Mat mat = new Mat(HEIGHT, WIDTH, CV_8UC3, colourOf(i))) {
                    Frame frame = converter.convert(mat);
                    recorder.record(frame);
                }
            }
            recorder.stop();
        }
    }

    @Test
    void keepsPlayingPastTheEndAtWallClockPace() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        record(clip);
        assertThat(Files.size(clip)).isPositive();

        try (CameraRig rig = new CameraRig(CameraRig.properties(),
                CameraRig.pavilion("open", clip.toString(), SamplingMode.CONTINUOUS, Duration.ofMillis(130), null),
                CameraRig.pavilion("burst", clip.toString(), SamplingMode.BURST, Duration.ofMillis(370), null))) {
            Instant start = rig.sampler.startedAt();
            Instant pastTheEnd = start.plusMillis(FRAMES * 1000L / FPS + 700);
            CameraRig.await(() -> rig.samples("open").stream().filter(s -> s.at().isAfter(pastTheEnd)).count() >= 3
                            && rig.samples("burst").stream().filter(s -> s.at().isAfter(pastTheEnd)).count() >= 1,
                    Duration.ofSeconds(20), () -> "frames stopped at the end of the file: " + rig.samples);

            List<CameraRig.Sample> all = List.copyOf(rig.samples);
            assertThat(all.size()).isGreaterThan(20);
            for (CameraRig.Sample s : all) {
                assertThat(s.width()).isEqualTo(WIDTH);
                assertThat(s.height()).isEqualTo(HEIGHT);
                assertThat(s.channels()).isEqualTo(3);
                long expected = LoopedFileSource.frameAt(Duration.between(start, s.at()), FPS, FRAMES);
                long shown = indexOf(s);
                long distance = Math.min(Math.floorMod(shown - expected, FRAMES), Math.floorMod(expected - shown, FRAMES));
                assertThat(distance).as("frame shown at %s after start: %s, expected %d",
                        Duration.between(start, s.at()), s, expected).isLessThanOrEqualTo(1);
                // the other channels agree with the index: the picture is that frame, not a blend
                assertThat(s.centreBgr()[1]).isCloseTo(220 - 3 * shown, org.assertj.core.data.Offset.offset(6.0));
                assertThat(s.centreBgr()[2]).isCloseTo(90, org.assertj.core.data.Offset.offset(6.0));
            }
            assertThat(rig.status("open").state()).isEqualTo(State.ONLINE);
            assertThat(rig.status("burst").state()).isEqualTo(State.ONLINE);
        }
    }

    @Test
    void aMissingFileMakesTheCameraOfflineWithThePath() {
        Path missing = dir.resolve("no-such-clip.mp4");
        try (CameraRig rig = new CameraRig(CameraRig.properties(),
                CameraRig.pavilion("gone", missing.toString(), SamplingMode.CONTINUOUS, Duration.ofMillis(200), null))) {
            CameraStatus status = rig.awaitState("gone", State.OFFLINE, Duration.ofSeconds(5));
            assertThat(status.lastError()).contains("NoSuchFileException").contains(missing.toString());
            assertThat(status.lastFrameAt()).isNull();
        }
    }
}
