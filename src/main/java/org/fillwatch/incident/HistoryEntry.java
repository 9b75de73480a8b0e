package org.fillwatch.incident;

import java.time.Instant;

/**
 * One change of an incident.
 *
 * @param actor  who or what: {@code rules}, {@code camera-health}, {@code deadline-check},
 *               {@code carrier:<id>}, {@code operator:<name>}
 * @param action OPENED, UPDATED, ACKNOWLEDGED, ESCALATED, RESOLVED
 * @param from   the status before; null for OPENED
 */
public record HistoryEntry(Instant at, String actor, String action, IncidentStatus from, IncidentStatus to,
                           String reason) {
}
