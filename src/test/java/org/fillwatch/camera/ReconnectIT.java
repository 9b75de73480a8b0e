package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.camera.MjpegTestServer.Behaviour;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.Test;

/** Cameras that go away, drop connections or stall: OFFLINE, retried with growing waits, ONLINE again. */
class ReconnectIT {

    private static final byte[] PICTURE = TestPictures.jpeg(160, 120, new Color(240, 200, 10));

    @Test
    void aCameraThatGoesAwayIsRetriedWithBackoffAndComesBackOnline() throws Exception {
        Duration base = Duration.ofMillis(200);
        Duration max = Duration.ofMillis(1600);
        Duration interval = Duration.ofMillis(250);
        try (MjpegTestServer camera = new MjpegTestServer(PICTURE, 10);
                LogCapture logs = new LogCapture();
                CameraRig rig = new CameraRig(CameraRig.properties(base, max, Duration.ofSeconds(2)),
                        CameraRig.pavilion("cam", camera.url("viewer:pw-" + "lost"), SamplingMode.BURST, interval, "mpjpeg"))) {
            rig.awaitState("cam", State.ONLINE, Duration.ofSeconds(10));

            // the camera starts dropping every connection unanswered
            int seenBefore = camera.connections().size();
            camera.behaviour(Behaviour.DROP);
            CameraStatus offline = rig.awaitState("cam", State.OFFLINE, Duration.ofSeconds(10));
            assertThat(offline.offlineSince()).isNotNull();
            long framesBefore = offline.framesSampled();
            CameraRig.await(() -> attempts(camera, seenBefore).size() >= 6, Duration.ofSeconds(20),
                    () -> "too few reconnect attempts: " + camera.connections());
            List<Instant> attempts = attempts(camera, seenBefore);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < attempts.size(); i++) {
                gaps.add(Duration.between(attempts.get(i - 1), attempts.get(i)).toMillis());
            }
            // waits of 200, 400, 800, 1600, 1600 ms (no jitter here); a wait longer than the 250 ms
            // interval ends at the next regular tick, so up to 250 ms later
            for (int i = 0; i < 5; i++) {
                long wait = Math.min(base.toMillis() << i, max.toMillis());
                assertThat(gaps.get(i)).as("gap %d of %s", i, gaps).isBetween(wait - 30, wait + interval.toMillis() + 350);
            }
            // the server sees the 6th attempt before the camera has finished counting it as failed
            CameraRig.await(() -> rig.status("cam").consecutiveFailures() >= 6, Duration.ofSeconds(3),
                    () -> "failures counted: " + rig.status("cam"));
            CameraStatus stillOffline = rig.status("cam");
            assertThat(stillOffline.state()).isEqualTo(State.OFFLINE);
            assertThat(stillOffline.offlineSince()).isEqualTo(offline.offlineSince());

            // then it is switched off (connections refused), and comes back
            camera.stop();
            Thread.sleep(800);
            camera.behaviour(Behaviour.STREAM);
            camera.restart();
            CameraStatus back = rig.awaitState("cam", State.ONLINE, Duration.ofSeconds(5));
            assertThat(back.offlineSince()).isNull();
            assertThat(back.consecutiveFailures()).isZero();
            assertThat(back.framesSampled()).isGreaterThan(framesBefore);
            CameraRig.Sample last = rig.samples("cam").get(rig.samples("cam").size() - 1);
            assertThat(last.colourNear(10, 200, 240, 12)).as(last.toString()).isTrue();

            // state changes are logged, the failures in between are not (above DEBUG)
            String log = logs.text();
            assertThat(count(log, "WARN org.fillwatch.camera.CameraState Camera cam")).isEqualTo(1);
            assertThat(count(log, "is ONLINE again")).isEqualTo(1);
            assertThat(log).doesNotContain("pw-lost");
        }
    }

    @Test
    void aStreamClosedMidwayIsReopened() throws Exception {
        try (MjpegTestServer camera = behaving(Behaviour.CLOSE_AFTER_FEW, new MjpegTestServer(PICTURE, 10));
                LogCapture logs = new LogCapture();
                CameraRig rig = new CameraRig(CameraRig.properties(),
                        CameraRig.pavilion("cam", camera.url(null), SamplingMode.CONTINUOUS, Duration.ofMillis(150), "mpjpeg"))) {
            CameraRig.await(() -> count(logs.text(), "Camera cam") >= 4 && camera.connections().size() >= 3,
                    Duration.ofSeconds(20), () -> "no reconnects: " + camera.connections() + "\n" + logs.text());
            assertThat(logs.text()).contains("is OFFLINE: EOFException: stream ended").contains("is ONLINE again");
            assertThat(rig.status("cam").framesSampled()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aStalledStreamTimesOutInsteadOfHoldingTheWorker() throws Exception {
        Duration readTimeout = Duration.ofSeconds(1);
        try (MjpegTestServer camera = behaving(Behaviour.STALL_AFTER_FEW, new MjpegTestServer(PICTURE, 10));
                CameraRig rig = new CameraRig(CameraRig.properties(Duration.ofMillis(200), Duration.ofSeconds(2), readTimeout),
                        CameraRig.pavilion("cam", camera.url(null), SamplingMode.CONTINUOUS, Duration.ofMillis(150), "mpjpeg"))) {
            CameraRig.await(() -> !rig.samples("cam").isEmpty(), Duration.ofSeconds(10), () -> "no first frame");
            CameraStatus offline = rig.awaitState("cam", State.OFFLINE, Duration.ofSeconds(10));
            Duration stalled = Duration.between(offline.lastFrameAt(), offline.offlineSince());
            assertThat(stalled).as("time from the last frame to giving up").isBetween(readTimeout.minusMillis(300),
                    readTimeout.plus(Duration.ofSeconds(3)));
            assertThat(rig.sampler.skipped("cam")).as("samples skipped while the read hung").isPositive();
            // the worker is free again: the camera is reconnected
            CameraRig.await(() -> camera.connections().size() >= 2, Duration.ofSeconds(10),
                    () -> "no reconnect after the stall");
        }
    }

    /**
     * Set before the rig starts sampling: a first connection accepted while the server still
     * streams would keep streaming and never show the behaviour under test.
     */
    private static MjpegTestServer behaving(Behaviour behaviour, MjpegTestServer camera) {
        camera.behaviour(behaviour);
        return camera;
    }

    /**
     * Connections after the first {@code skip}, those less than 100 ms apart taken as one attempt:
     * FFmpeg's HTTP client opens a second connection at once when the first is dropped unanswered.
     */
    private static List<Instant> attempts(MjpegTestServer camera, int skip) {
        List<Instant> all = camera.connections();
        List<Instant> attempts = new ArrayList<>();
        for (Instant c : all.subList(skip, all.size())) {
            if (attempts.isEmpty() || Duration.between(attempts.get(attempts.size() - 1), c).toMillis() >= 100) {
                attempts.add(c);
            }
        }
        return attempts;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
