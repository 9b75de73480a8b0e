package org.fillwatch.camera;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * {@code fillwatch_camera_frames_total{camera, result}}: per camera, frames handed to vision
 * ({@code ok}), failed attempts ({@code failed}) and samples skipped because the previous one still
 * ran or no worker was free ({@code skipped}). Read from the camera's own counts at scrape time, so
 * sampling pays nothing for it.
 */
final class CameraMeters {

    static final String FRAMES = "fillwatch.camera.frames";

    private CameraMeters() {
    }

    static void register(MeterRegistry registry, String pavilionId, CameraState state) {
        counter(registry, pavilionId, "ok", state, s -> s.snapshot().framesSampled());
        counter(registry, pavilionId, "failed", state, CameraState::failureCount);
        counter(registry, pavilionId, "skipped", state, CameraState::skippedCount);
    }

    private static void counter(MeterRegistry registry, String pavilionId, String result, CameraState state,
                                ToDoubleFunction<CameraState> count) {
        FunctionCounter.builder(FRAMES, state, count)
                .description("Camera samples by outcome")
                .tag("camera", pavilionId).tag("result", result)
                .register(registry);
    }
}
