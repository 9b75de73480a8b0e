package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.fillwatch.camera.CameraStatus.State;
import org.junit.jupiter.api.Test;

/** Each camera's frame counters read its own counts: frames handed on, failures, skipped samples. */
class CameraMetersTest {

    @Test
    void framesFailuresAndSkippedSamplesPerCamera() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CameraState one = new CameraState("ptr-001", "rtsp://***@cam/1", State.STARTING);
        CameraState two = new CameraState("ptr-002", "rtsp://***@cam/2", State.STARTING);
        CameraMeters.register(registry, "ptr-001", one);
        CameraMeters.register(registry, "ptr-002", two);
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        one.frame(t);
        one.frame(t.plusSeconds(60));
        one.failure(t.plusSeconds(120), new java.io.IOException("timeout"), Duration.ofSeconds(1));
        one.skipped();
        one.frame(t.plusSeconds(180));
        two.skipped();
        two.skipped();

        assertThat(count(registry, "ptr-001", "ok")).isEqualTo(3);
        assertThat(count(registry, "ptr-001", "failed")).isEqualTo(1);
        assertThat(count(registry, "ptr-001", "skipped")).isEqualTo(1);
        assertThat(count(registry, "ptr-002", "ok")).isZero();
        assertThat(count(registry, "ptr-002", "skipped")).isEqualTo(2);
    }

    private static double count(SimpleMeterRegistry registry, String camera, String result) {
        return registry.get(CameraMeters.FRAMES).tag("camera", camera).tag("result", result).functionCounter().count();
    }
}
