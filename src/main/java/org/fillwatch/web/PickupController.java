package org.fillwatch.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.incident.IncidentTrends;
import org.fillwatch.incident.IncidentType;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A carrier's pickup list of one day (its fill incidents open at some moment of that day, in the
 * city's zone), most urgent first: still open before resolved, then by deadline, then overflow
 * before full before container missing before forecast. As JSON, CSV and GeoJSON (RFC 7946). A
 * carrier always gets its own list; staff name the carrier with {@code carrier=} or get all.
 */
@RestController
@RequestMapping("/api/carrier")
@Tag(name = "Carrier pickups", description = "A carrier's containers to empty today, most urgent first")
class PickupController {

    private final IncidentTrends incidents;
    private final Pavilions pavilions;
    private final CityPeriod city;
    private final Clock clock;

    PickupController(IncidentTrends incidents, Pavilions pavilions, CityPeriod city, ObjectProvider<Clock> clock) {
        this.incidents = incidents;
        this.pavilions = pavilions;
        this.city = city;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * One container to empty. {@code pavilionName}, {@code address}, {@code latitude} and
     * {@code longitude} are null when the pavilion is no longer configured.
     */
    record Pickup(String registrationNumber, IncidentType type, IncidentStatus status, Instant deadline,
                  Instant openedAt, Instant closedAt, double fillPercent, String carrier, String district,
                  String pavilion, String pavilionName, String address, Double latitude, Double longitude,
                  String container, String containerType) {
    }

    record PickupList(String carrier, LocalDate date, List<Pickup> pickups) {
    }

    record Feature(String type, String id, MapController.Point geometry, Pickup properties) {
    }

    record FeatureCollection(String type, List<Feature> features) {
    }

    private static final List<String> CSV_HEADER = List.of("registration_number", "type", "status", "deadline",
            "opened_at", "closed_at", "fill_pct", "carrier", "district", "pavilion", "pavilion_name", "address",
            "latitude", "longitude", "container", "container_type");

    @GetMapping("/pickups")
    @Operation(summary = "The day's pickup list as JSON")
    PickupList pickups(@Parameter(description = "YYYY-MM-DD, in the city's zone; default today")
                       @RequestParam(required = false) String date,
                       @Parameter(description = "staff only: one carrier; a carrier may only name itself")
                       @RequestParam(required = false) String carrier,
                       Authentication authentication) {
        String who = carrier(Viewer.of(authentication), carrier);
        CityPeriod.Period day = city.day(date, clock.instant());
        return new PickupList(who, LocalDate.ofInstant(day.from(), city.zone()),
                incidents.pickups(who, day.from(), day.to()).stream().map(this::pickup).toList());
    }

    @GetMapping("/pickups.csv")
    @Operation(summary = "The day's pickup list as a CSV download, same order")
    ResponseEntity<String> csv(@RequestParam(required = false) String date,
                               @RequestParam(required = false) String carrier, Authentication authentication) {
        PickupList list = pickups(date, carrier, authentication);
        List<List<?>> rows = list.pickups().stream().<List<?>>map(p -> Arrays.asList(p.registrationNumber(),
                p.type().name(), p.status().name(), p.deadline(), p.openedAt(), p.closedAt(), p.fillPercent(),
                p.carrier(), p.district(), p.pavilion(), p.pavilionName(), p.address(), p.latitude(), p.longitude(),
                p.container(), p.containerType())).toList();
        String name = "pickups_" + (list.carrier() == null ? "all" : list.carrier()) + "_" + list.date() + ".csv";
        return Csv.download(name, CSV_HEADER, rows);
    }

    @GetMapping(value = "/pickups.geojson", produces = {"application/geo+json", "application/json"})
    @Operation(summary = "The day's pickup list as a GeoJSON FeatureCollection (RFC 7946, [longitude, latitude])")
    FeatureCollection geojson(@RequestParam(required = false) String date,
                              @RequestParam(required = false) String carrier, Authentication authentication) {
        List<Feature> features = pickups(date, carrier, authentication).pickups().stream()
                // RFC 7946 has no place for a point without coordinates: a feature needs a geometry or null
                .map(p -> new Feature("Feature", p.registrationNumber(), p.latitude() == null ? null
                        : new MapController.Point("Point", new double[] {p.longitude(), p.latitude()}), p))
                .toList();
        return new FeatureCollection("FeatureCollection", features);
    }

    /** The carrier whose list is asked for: a carrier's own, whatever it passes (another's is a 403). */
    private static String carrier(Viewer viewer, String asked) {
        String named = asked == null || asked.isBlank() ? null : asked.trim();
        if (viewer.isCarrier()) {
            if (named != null) {
                viewer.requireMaysee(named, "the pickup list of " + named);
            }
            return viewer.carrierId().orElseThrow();
        }
        return named;
    }

    private Pickup pickup(Incident i) {
        Optional<Pavilion> pavilion = pavilions.find(i.pavilionId());
        String containerType = pavilion.flatMap(p -> p.container(i.containerId())).map(ContainerSpec::type).orElse(null);
        return new Pickup(i.registrationNumber(), i.type(), i.status(), i.deadline(), i.openedAt(), i.closedAt(),
                i.fillPercent(), i.carrierId(), i.district(), i.pavilionId(),
                pavilion.map(Pavilion::name).orElse(null), pavilion.map(Pavilion::address).orElse(null),
                pavilion.map(Pavilion::latitude).orElse(null), pavilion.map(Pavilion::longitude).orElse(null),
                i.containerId(), containerType);
    }
}
