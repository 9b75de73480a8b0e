package org.fillwatch.web;

import java.util.List;
import org.fillwatch.camera.CameraStatuses;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.reading.CameraBlindness;
import org.fillwatch.reading.LatestReadings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/pavilions")
class PavilionController {

    private final Pavilions pavilions;
    private final LatestReadings latest;
    private final CameraBlindness blindness;
    // optional: the service still answers when no camera module runs (e.g. replaying readings)
    private final ObjectProvider<CameraStatuses> cameras;

    PavilionController(Pavilions pavilions, LatestReadings latest, CameraBlindness blindness,
                       ObjectProvider<CameraStatuses> cameras) {
        this.blindness = blindness;
        this.pavilions = pavilions;
        this.latest = latest;
        this.cameras = cameras;
    }

    @GetMapping
    List<PavilionView> all() {
        CameraStatuses statuses = cameras.getIfAvailable();
        return pavilions.all().stream()
                .map(p -> PavilionView.of(p, latest.ofPavilion(p.id()),
                        statuses == null ? null : statuses.find(p.id()).orElse(null), blindness))
                .toList();
    }
}
