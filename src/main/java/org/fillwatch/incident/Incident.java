package org.fillwatch.incident;

import java.time.Instant;

/** A case in the register: one container that needs a pickup. */
public record Incident(
        long id,
        String registrationNumber,
        IncidentType type,
        IncidentStatus status,
        String pavilionId,
        String containerId,
        String carrierId,
        String district,
        double fillPercent,
        Instant openedAt,
        Instant closedAt,
        String closeReason) {
}
