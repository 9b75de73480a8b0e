package org.fillwatch.web;

import java.util.List;
import org.fillwatch.camera.CameraStatuses;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.reading.CameraBlindness;
import org.fillwatch.reading.LatestReadings;
import org.fillwatch.pavilion.Pavilion;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

    /** The pavilions the viewer may see: all for the city's staff, its own for a carrier. */
    @GetMapping
    List<PavilionView> all(Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        return pavilions.all().stream().filter(p -> viewer.maysee(p.carrierId())).map(this::view).toList();
    }

    @GetMapping("/{id}")
    PavilionView one(@PathVariable String id, Authentication authentication) {
        Pavilion pavilion = pavilions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No pavilion " + id));
        Viewer.of(authentication).requireMaysee(pavilion.carrierId(), "pavilion " + id);
        return view(pavilion);
    }

    private PavilionView view(Pavilion p) {
        CameraStatuses statuses = cameras.getIfAvailable();
        return PavilionView.of(p, latest.ofPavilion(p.id()),
                statuses == null ? null : statuses.find(p.id()).orElse(null), blindness);
    }
}
