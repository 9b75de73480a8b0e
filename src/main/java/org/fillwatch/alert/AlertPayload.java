package org.fillwatch.alert;

import java.time.Instant;
import org.fillwatch.incident.Incident;

/**
 * The JSON a carrier receives on {@code fillwatch/carriers/{carrierId}/incidents}. Times are
 * ISO-8601 UTC strings; {@code eventId} stays the same when a message is delivered again, so a
 * carrier can drop duplicates (QoS 1 is at least once).
 */
record AlertPayload(
        String eventId,
        String eventType,
        String registrationNumber,
        String pavilion,
        String container,
        String carrier,
        String district,
        String type,
        String status,
        double fillPercent,
        String openedAt,
        String closedAt,
        String closeReason,
        String deadline,
        String acknowledgedAt,
        String acknowledgedBy,
        String escalatedAt,
        Long timeToPickupSeconds) {

    /** A new incident (the "new"). */
    static final String OPENED = "opened";
    /** A new breach on the open incident (e.g. FULL became OVERFLOW), or the carrier acknowledged it. */
    static final String UPDATED = "updated";
    /** Its deadline passed while it was open. */
    static final String ESCALATED = "escalated";
    /** Resolved (the "resolved"): emptied, camera back, or closed by an operator. */
    static final String CLOSED = "closed";

    static AlertPayload of(String eventId, String eventType, Incident incident) {
        return new AlertPayload(eventId, eventType, incident.registrationNumber(), incident.pavilionId(),
                incident.containerId(), incident.carrierId(), incident.district(), incident.type().name(),
                incident.status().name(), Math.round(incident.fillPercent() * 10) / 10.0,
                iso(incident.openedAt()), iso(incident.closedAt()), incident.closeReason(), iso(incident.deadline()),
                iso(incident.acknowledgedAt()), incident.acknowledgedBy(), iso(incident.escalatedAt()),
                incident.timeToPickupSeconds());
    }

    static String topic(String carrierId) {
        return "fillwatch/carriers/" + Topics.level(carrierId) + "/incidents";
    }

    static final String ESCALATIONS_TOPIC = "fillwatch/operators/escalations";

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
