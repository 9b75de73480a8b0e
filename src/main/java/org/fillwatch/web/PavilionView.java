package org.fillwatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fillwatch.camera.CameraStatus;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;

/** A pavilion as the API shows it: its containers with their latest reading; no credentials. */
record PavilionView(String id, String name, String address, String district, double latitude, double longitude,
                    String carrier, Camera camera, List<Container> containers) {

    /** @param status null when the camera module reports nothing for this pavilion */
    record Camera(String url, String mode, long intervalSeconds, String status, Instant lastFrameAt,
                  Instant offlineSince, String lastError) {
    }

    /** Reading fields are null until the first reading of the container arrived. */
    record Container(String id, String type, Double fillPercent, FillState state, Double confidence,
                     Instant time, String modelVersion) {
    }

    static PavilionView of(Pavilion p, List<FillReading> latest, CameraStatus status) {
        List<Container> containers = p.containers().stream().map(c -> container(c, latest)).toList();
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

    private static Container container(ContainerSpec spec, List<FillReading> latest) {
        return latest.stream().filter(r -> r.containerId().equals(spec.id())).findFirst()
                .map(r -> new Container(spec.id(), spec.type(), r.fillPercent(), r.state(), r.confidence(), r.time(),
                        r.modelVersion()))
                .orElse(new Container(spec.id(), spec.type(), null, null, null, null, null));
    }
}
