package org.fillwatch.incident;

/** Published in the transaction that closed the incident; delivered to listeners after commit. */
public record IncidentClosed(String eventId, Incident incident) {
}
