package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.Test;

/** HTTP MJPEG cameras on loopback, sampled in burst and in continuous mode. */
class MjpegCameraIT {

    @Test
    void burstConnectsPerSampleAndContinuousKeepsOneConnection() throws Exception {
        byte[] green = TestPictures.jpeg(320, 240, new Color(20, 180, 60));
        try (MjpegTestServer burstCam = new MjpegTestServer(green, 10);
                MjpegTestServer liveCam = new MjpegTestServer(green, 10);
                CameraRig rig = new CameraRig(CameraRig.properties(),
                        CameraRig.pavilion("burst", burstCam.url(null), SamplingMode.BURST, Duration.ofMillis(300), "mpjpeg"),
                        CameraRig.pavilion("live", liveCam.url(null), SamplingMode.CONTINUOUS, Duration.ofMillis(300), "mpjpeg"))) {

            CameraRig.await(() -> rig.samples("burst").size() >= 4 && rig.samples("live").size() >= 4,
                    Duration.ofSeconds(20), () -> "too few frames: " + rig.samples + " " + rig.sampler.all());

            for (CameraRig.Sample s : rig.samples) {
                assertThat(s.width()).as(s.toString()).isEqualTo(320);
                assertThat(s.height()).as(s.toString()).isEqualTo(240);
                assertThat(s.channels()).as(s.toString()).isEqualTo(3);
                assertThat(s.depth()).as(s.toString()).isEqualTo(CV_8U);
                assertThat(s.colourNear(60, 180, 20, 12)).as(s.toString()).isTrue();
            }
            assertThat(rig.status("burst").state()).isEqualTo(State.ONLINE);
            assertThat(rig.status("live").state()).isEqualTo(State.ONLINE);
            assertThat(burstCam.connections().size()).isGreaterThanOrEqualTo(rig.samples("burst").size());
            assertThat(liveCam.connections()).hasSize(1);

            // the kept-open stream must show what the camera sends now, not frames queued since the last sample
            liveCam.picture(TestPictures.jpeg(320, 240, new Color(200, 30, 30)));
            Instant changed = Instant.now();
            CameraRig.await(() -> rig.samples("live").stream().filter(s -> s.at().isAfter(changed.plusMillis(400))).count() >= 3,
                    Duration.ofSeconds(10), () -> "no frames after the change: " + rig.samples("live"));
            rig.samples("live").stream().filter(s -> s.at().isAfter(changed.plusMillis(400)))
                    .forEach(s -> assertThat(s.colourNear(30, 30, 200, 12)).as(s.toString()).isTrue());
            assertThat(liveCam.connections()).hasSize(1);
        }
    }
}
