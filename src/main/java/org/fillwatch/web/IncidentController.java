package org.fillwatch.web;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.fillwatch.incident.HistoryEntry;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentDesk;
import org.fillwatch.incident.IncidentRefused;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    static final int MAX_LIMIT = 1000;

    private final IncidentRegister register;
    private final IncidentDesk desk;

    IncidentController(IncidentRegister register, IncidentDesk desk) {
        this.register = register;
        this.desk = desk;
    }

    /** The carrier's acknowledgement, when it uses REST rather than MQTT. */
    record AckRequest(String carrier, String by) {
    }

    /** An operator's close; the comment is required and kept in the history. */
    record CloseRequest(String by, String comment) {
    }

    /** A carrier sees only its own incidents; asking for another carrier's list is refused. */
    @GetMapping
    List<Incident> list(@RequestParam(required = false) String status,
                        @RequestParam(required = false) String carrier,
                        @RequestParam(defaultValue = "100") int limit,
                        Authentication authentication) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be within 1.." + MAX_LIMIT);
        }
        Viewer viewer = Viewer.of(authentication);
        if (viewer.isCarrier()) {
            if (carrier != null && !carrier.isBlank()) {
                viewer.requireMaysee(carrier.trim(), "the incident list of " + carrier);
            }
            carrier = viewer.carrierId().orElseThrow();
        }
        return register.list(status(status), carrier, limit);
    }

    @GetMapping("/{registrationNumber}")
    Incident one(@PathVariable String registrationNumber, Authentication authentication) {
        Incident incident = register.find(registrationNumber).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No incident with registration number " + registrationNumber));
        Viewer.of(authentication).requireMaysee(incident.carrierId(), "incident " + registrationNumber);
        return incident;
    }

    @GetMapping("/{registrationNumber}/history")
    List<HistoryEntry> history(@PathVariable String registrationNumber, Authentication authentication) {
        one(registrationNumber, authentication);
        return register.history(registrationNumber);
    }

    /**
     * A carrier acknowledges as itself (the body's carrier may be left out, and must be its own);
     * the city's staff acknowledge on a carrier's behalf (e.g. after a phone call) naming the carrier.
     */
    @PostMapping("/{registrationNumber}/ack")
    Incident acknowledge(@PathVariable String registrationNumber, @RequestBody AckRequest request,
                         Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        String carrier = request == null || request.carrier() == null || request.carrier().isBlank()
                ? null : request.carrier().trim();
        if (viewer.isCarrier()) {
            if (carrier != null) {
                viewer.requireMaysee(carrier, "acknowledging for carrier " + carrier);
            }
            carrier = viewer.carrierId().orElseThrow();
        }
        if (carrier == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "carrier is required");
        }
        String who = carrier;
        String by = request.by() == null || request.by().isBlank() ? viewer.name() : request.by();
        return refusedAsHttp(() -> desk.acknowledge(registrationNumber, who, by));
    }

    /** Operators and administrators only (see SecurityConfiguration); the comment is required. */
    @PostMapping("/{registrationNumber}/close")
    Incident close(@PathVariable String registrationNumber, @RequestBody CloseRequest request,
                   Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        String by = request == null || request.by() == null || request.by().isBlank() ? viewer.name() : request.by();
        return refusedAsHttp(() -> desk.close(registrationNumber, by, request == null ? null : request.comment()));
    }

    private static Incident refusedAsHttp(Supplier<Incident> action) {
        try {
            return action.get();
        } catch (IncidentRefused e) {
            HttpStatus status = switch (e.reason()) {
                case UNKNOWN -> HttpStatus.NOT_FOUND;
                case WRONG_CARRIER -> HttpStatus.FORBIDDEN;
                case ALREADY_RESOLVED -> HttpStatus.CONFLICT;
                case INVALID -> HttpStatus.BAD_REQUEST;
            };
            throw new ResponseStatusException(status, e.getMessage());
        }
    }

    private static IncidentStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IncidentStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be one of open, acknowledged, escalated, resolved");
        }
    }
}
