package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.camera.CameraStatus.State;
import org.junit.jupiter.api.Test;

/** The camera's transitions are published once per change, not on every frame or failure. */
class CameraStateTest {

    private final List<Object> published = new ArrayList<>();
    private final CameraState state = new CameraState("p1", "rtsp://***@cam/1", State.STARTING, published::add);
    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void onlineOfflineAndBackAreEachPublishedOnce() {
        state.frame(t0);
        state.frame(t0.plusSeconds(60));
        state.failure(t0.plusSeconds(120), new IOException("rtsp://admin:secret@cam/1 timed out"), Duration.ofSeconds(1));
        state.failure(t0.plusSeconds(121), new IOException("again"), Duration.ofSeconds(2));
        state.frame(t0.plusSeconds(180));
        state.frame(t0.plusSeconds(240));

        assertThat(published).containsExactly(
                new CameraCameBack("p1", t0, null),
                new CameraWentOffline("p1", t0.plusSeconds(120), "IOException: rtsp://***@cam/1 timed out"),
                new CameraCameBack("p1", t0.plusSeconds(180), t0.plusSeconds(120)));
    }

    @Test
    void anUnusableCameraIsOfflineFromTheStart() {
        state.unusable(t0, new IllegalArgumentException("bad URL"));
        assertThat(published).containsExactly(new CameraWentOffline("p1", t0, "IllegalArgumentException: bad URL"));
        assertThat(state.snapshot().state()).isEqualTo(State.OFFLINE);
    }
}
