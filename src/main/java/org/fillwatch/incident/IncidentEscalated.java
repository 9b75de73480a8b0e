package org.fillwatch.incident;

/** The incident's deadline passed while it was still open. Delivered to listeners after commit. */
public record IncidentEscalated(String eventId, Incident incident) {
}
