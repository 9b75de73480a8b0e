package org.fillwatch.incident;

/** Published in the transaction that opened the incident; delivered to listeners after commit. */
public record IncidentOpened(String eventId, Incident incident) {
}
