package org.fillwatch.web;

import java.util.List;
import java.util.Locale;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    static final int MAX_LIMIT = 1000;

    private final IncidentRegister register;

    IncidentController(IncidentRegister register) {
        this.register = register;
    }

    @GetMapping
    List<Incident> list(@RequestParam(required = false) String status,
                        @RequestParam(required = false) String carrier,
                        @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be within 1.." + MAX_LIMIT);
        }
        return register.list(status(status), carrier, limit);
    }

    @GetMapping("/{registrationNumber}")
    Incident one(@PathVariable String registrationNumber) {
        return register.find(registrationNumber).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No incident with registration number " + registrationNumber));
    }

    private static IncidentStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IncidentStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be one of open, resolved");
        }
    }
}
