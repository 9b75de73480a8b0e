package org.fillwatch.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.vision.FillState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The map's data: every pavilion the viewer may see as an RFC 7946 GeoJSON point with only what a
 * marker needs (id, name, district, carrier, worst state, counts), so 5,000 pavilions stay small.
 */
@RestController
class MapController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final Pavilions pavilions;
    private final PavilionStates states;

    MapController(Pavilions pavilions, PavilionStates states) {
        this.pavilions = pavilions;
        this.states = states;
    }

    record FeatureCollection(String type, List<Feature> features) {
    }

    record Feature(String type, Point geometry, Properties properties) {
    }

    record Point(String type, double[] coordinates) {
    }

    /** @param counts containers per state, states without containers left out */
    record Properties(String id, String name, String district, String carrier, FillState state,
                      Map<FillState, Integer> counts) {
    }

    @GetMapping(value = "/api/map/pavilions", produces = {"application/geo+json", "application/json"})
    FeatureCollection pavilions(@RequestParam(required = false) String district,
                                @RequestParam(required = false) String carrier,
                                @RequestParam(required = false) String state,
                                Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        FillState wanted = state(state);
        List<Feature> features = pavilions.all().stream()
                .filter(p -> viewer.maysee(p.carrierId()))
                .filter(p -> blank(district) || district.equals(p.district()))
                .filter(p -> blank(carrier) || carrier.equals(p.carrierId()))
                .map(this::feature)
                .filter(f -> wanted == null || f.properties().state() == wanted)
                .toList();
        return new FeatureCollection("FeatureCollection", features);
    }

    Feature feature(Pavilion p) {
        PavilionStates.Summary summary = states.of(p);
        // five decimals are about a metre: enough for a marker, and keeps the answer small
        double[] coordinates = {round(p.longitude()), round(p.latitude())};
        return new Feature("Feature", new Point("Point", coordinates),
                new Properties(p.id(), p.name(), p.district(), p.carrierId(), summary.worst(), summary.counts()));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e5) / 1e5;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static FillState state(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return FillState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "state must be one of empty, partial, full, overflowing, unknown, absent");
        }
    }
}
