package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.Test;

/** RTSP over TCP from a real PLAY-mode server (GStreamer, H.264), with Basic authentication. */
class RtspCameraIT {

    private static final String PASSWORD = "rtsp-s3cret";

    @Test
    void readsH264OverTcpWithCredentialsMasked() throws Exception {
        try (RtspTestServer h264 = RtspTestServer.start("--path", "/cam", "--color", "0xffff0000",
                        "--width", "320", "--height", "240", "--user", "cam", "--password", PASSWORD);
                RtspTestServer other = RtspTestServer.start("--path", "/other", "--color", "0xff00c000",
                        "--width", "352", "--height", "288");
                LogCapture logs = new LogCapture();
                CameraRig rig = new CameraRig(CameraRig.properties(4),
                        CameraRig.pavilion("burst", h264.url("cam:" + PASSWORD, "/cam"), SamplingMode.BURST, Duration.ofMillis(700), null),
                        CameraRig.pavilion("open", h264.url("cam:" + PASSWORD, "/cam"), SamplingMode.CONTINUOUS, Duration.ofMillis(300), null),
                        CameraRig.pavilion("other", other.url(null, "/other"), SamplingMode.BURST, Duration.ofMillis(500), null),
                        CameraRig.pavilion("denied", h264.url("cam:wrong-" + PASSWORD, "/cam"), SamplingMode.BURST, Duration.ofMillis(500), null))) {

            CameraRig.await(() -> rig.samples("burst").size() >= 2 && rig.samples("open").size() >= 3
                    && rig.samples("other").size() >= 2, Duration.ofSeconds(30),
                    () -> "too few RTSP frames: " + rig.samples + " " + rig.sampler.all());

            for (CameraRig.Sample s : List.copyOf(rig.samples)) {
                assertThat(s.channels()).isEqualTo(3);
                if (s.pavilionId().equals("other")) {
                    assertThat(s.width()).isEqualTo(352);
                    assertThat(s.height()).isEqualTo(288);
                    assertThat(s.colourNear(0, 192, 0, 20)).as(s.toString()).isTrue();
                } else {
                    assertThat(s.width()).isEqualTo(320);
                    assertThat(s.height()).isEqualTo(240);
                    assertThat(s.colourNear(0, 0, 255, 20)).as(s.toString()).isTrue();
                }
            }
            assertThat(rig.status("burst").state()).isEqualTo(State.ONLINE);
            assertThat(rig.status("open").state()).isEqualTo(State.ONLINE);
            CameraStatus denied = rig.awaitState("denied", State.OFFLINE, Duration.ofSeconds(10));
            assertThat(denied.lastError()).contains("401").contains("rtsp://***@127.0.0.1:" + h264.port + "/cam");

            String everything = logs.text() + rig.sampler.all() + new CamerasHealthIndicator(rig.sampler).health();
            assertThat(everything).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aMissingGStreamerFailsFastWithThePackagesToInstall() {
        long start = System.nanoTime();
        // -S hides the system site-packages, where python3-gi lives: as if it were not installed
        assertThatThrownBy(() -> RtspTestServer.start(List.of(RtspTestServer.PYTHON, "-S"), "--path", "/cam"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not start")
                .hasMessageContaining("GStreamer RTSP server bindings missing")
                .hasMessageContaining("gir1.2-gst-rtsp-server-1.0");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
