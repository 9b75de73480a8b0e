package org.fillwatch.incident;

/**
 * An open incident changed: a new breach (e.g. FULL became OVERFLOW) or the carrier acknowledged it.
 * Published in the changing transaction; delivered to listeners after commit.
 */
public record IncidentUpdated(String eventId, Incident incident, String change) {
}
