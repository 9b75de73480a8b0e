package org.fillwatch.web;

import java.util.List;
import org.fillwatch.incident.EvidenceFiles;
import org.fillwatch.incident.IncidentRegister;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The evidence pictures of an incident: the list, and each one as JPEG. */
@RestController
@RequestMapping("/api/incidents/{registrationNumber}/evidence")
class EvidenceController {

    private final IncidentRegister register;
    private final EvidenceFiles evidence;

    EvidenceController(IncidentRegister register, EvidenceFiles evidence) {
        this.register = register;
        this.evidence = evidence;
    }

    @GetMapping
    List<EvidenceFiles.EvidenceFile> list(@PathVariable String registrationNumber, Authentication authentication) {
        requireVisible(registrationNumber, authentication);
        return evidence.list(registrationNumber);
    }

    @GetMapping("/{name}")
    ResponseEntity<byte[]> one(@PathVariable String registrationNumber, @PathVariable String name,
                               Authentication authentication) {
        requireVisible(registrationNumber, authentication);
        return evidence.read(registrationNumber, name)
                .map(bytes -> ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(bytes))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No evidence " + name + " for incident " + registrationNumber));
    }

    private void requireVisible(String registrationNumber, Authentication authentication) {
        String carrier = register.find(registrationNumber).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No incident with registration number " + registrationNumber)).carrierId();
        Viewer.of(authentication).requireMaysee(carrier, "incident " + registrationNumber);
    }
}
