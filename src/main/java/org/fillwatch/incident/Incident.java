package org.fillwatch.incident;

import java.time.Instant;

/**
 * A case in the register: one container (or one camera) that needs attention.
 *
 * @param containerId         the container; {@link #CAMERA} for camera incidents
 * @param deadline            when it escalates unless resolved; from the per-type, per-carrier policy
 * @param timeToPickupSeconds seconds from opening to resolution; null while not resolved
 */
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
        String closeReason,
        Instant deadline,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant escalatedAt,
        Long timeToPickupSeconds) {

    /** The container id of camera incidents (CAMERA_OFFLINE, CAMERA_TAMPERED). */
    public static final String CAMERA = "*camera*";
}
