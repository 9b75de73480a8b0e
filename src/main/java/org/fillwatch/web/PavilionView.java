package org.fillwatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fillwatch.camera.CameraStatus;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.reading.CameraBlindness;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;

/** A pavilion as the API shows it: its containers with their latest reading; no credentials. */
record PavilionView(String id, String name, String address, String district, double latitude, double longitude,
                    String carrier, Camera camera, List<Container> containers) {

    /** @param status null when the camera module reports nothing for this pavilion */
    record Camera(String url, String mode, long intervalSeconds, String status, Instant lastFrameAt,
                  Instant offlineSince, String lastError) {
    }

    /**
     * Reading fields are null until the first reading of the container arrived. While the camera is
     * offline or its view tampered, {@code state} is UNKNOWN and {@code unknownReason} says why; the
     * other reading fields and {@code lastKnownState} still show the last reading, for history.
     */
    record Container(String id, String type, Double fillPercent, FillState state, Double confidence,
                     Instant time, String modelVersion, FillState lastKnownState, String unknownReason) {
    }

    static PavilionView of(Pavilion p, List<FillReading> latest, CameraStatus status, CameraBlindness blindness) {
        List<Container> containers = p.containers().stream()
                .map(c -> container(p.id(), c, latest, blindness)).toList();
        Duration interval = p.camera().interval();
        Camera camera = new Camera(p.camera().maskedUrl(),
                p.camera().mode() == null ? null : p.camera().mode().name().toLowerCase(),
                interval == null ? 0 : interval.toSeconds(),
                status == null ? null : status.state().name(),
                status == null ? null : status.lastFrameAt(),
                status == null ? null : status.offlineSince(),
                status == null ? null : status.lastError());
        return new PavilionView(p.id(), p.name(), p.address(), p.district(), p.latitude(), p.longitude(),
                p.carrierId(), camera, containers);
    }

    private static Container container(String pavilionId, ContainerSpec spec, List<FillReading> latest,
                                       CameraBlindness blindness) {
        FillReading r = latest.stream().filter(x -> x.containerId().equals(spec.id())).findFirst().orElse(null);
        String unknown = blindness.unknownReason(pavilionId, r == null ? null : r.time()).orElse(null);
        FillState shown = unknown != null ? FillState.UNKNOWN : r == null ? null : r.state();
        if (r == null) {
            return new Container(spec.id(), spec.type(), null, shown, null, null, null, null, unknown);
        }
        return new Container(spec.id(), spec.type(), r.fillPercent(), shown, r.confidence(), r.time(),
                r.modelVersion(), r.state(), unknown);
    }
}
