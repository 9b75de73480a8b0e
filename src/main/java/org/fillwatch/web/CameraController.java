package org.fillwatch.web;

import java.time.Instant;
import java.util.List;
import org.fillwatch.camera.CameraStatus;
import org.fillwatch.camera.CameraStatuses;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.reading.CameraBlindness;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.LatestReadings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Camera health for the contact centre: online or offline since when, tampered view, sampling figures. */
@RestController
class CameraController {

    private final Pavilions pavilions;
    private final ObjectProvider<CameraStatuses> cameras;
    private final CameraBlindness blindness;
    private final LatestReadings latest;

    CameraController(Pavilions pavilions, ObjectProvider<CameraStatuses> cameras, CameraBlindness blindness,
                     LatestReadings latest) {
        this.pavilions = pavilions;
        this.cameras = cameras;
        this.blindness = blindness;
        this.latest = latest;
    }

    /**
     * @param problem why its containers read UNKNOWN now (offline, view tampered: black, blurred,
     *                frozen, moved), null when the picture is usable
     */
    record CameraHealth(String pavilion, String name, String district, String carrier, String url, String mode,
                        long intervalSeconds, String state, Instant offlineSince, Instant lastFrameAt,
                        long framesSampled, int consecutiveFailures, String lastError, String problem) {
    }

    @GetMapping("/api/cameras")
    List<CameraHealth> all() {
        CameraStatuses statuses = cameras.getIfAvailable();
        return pavilions.all().stream().map(p -> health(p, statuses == null ? null : statuses.find(p.id()).orElse(null)))
                .toList();
    }

    private CameraHealth health(Pavilion p, CameraStatus s) {
        Instant newest = latest.ofPavilion(p.id()).stream().map(FillReading::time).max(Instant::compareTo).orElse(null);
        String problem = blindness.unknownReason(p.id(), newest).orElse(null);
        return new CameraHealth(p.id(), p.name(), p.district(), p.carrierId(), p.camera().maskedUrl(),
                p.camera().mode() == null ? null : p.camera().mode().name().toLowerCase(java.util.Locale.ROOT),
                p.camera().interval() == null ? 0 : p.camera().interval().toSeconds(),
                s == null ? null : s.state().name(), s == null ? null : s.offlineSince(),
                s == null ? null : s.lastFrameAt(), s == null ? 0 : s.framesSampled(),
                s == null ? 0 : s.consecutiveFailures(), s == null ? null : s.lastError(), problem);
    }
}
