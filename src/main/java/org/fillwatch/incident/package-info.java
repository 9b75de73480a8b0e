/**
 * Incidents: the register of incidents in the relational database (Flyway migrations; H2 by
 * default, PostgreSQL when configured) with registration numbers, deadlines from a per-type,
 * per-carrier policy, escalation, time to pickup and a full history. Applies the fill rules to
 * every reading (K agreeing readings, hysteresis, UNKNOWN ignored), forecasts FORECAST_FULL from a
 * robust fill rate, and turns camera outages longer than the hold-down into CAMERA_OFFLINE. At most
 * one open fill incident per container, enforced by a unique key. Changes are published as {@link
 * org.fillwatch.incident.IncidentOpened}, {@link org.fillwatch.incident.IncidentUpdated}, {@link
 * org.fillwatch.incident.IncidentEscalated} and {@link org.fillwatch.incident.IncidentClosed};
 * acknowledgements and operator closes come in through {@link org.fillwatch.incident.IncidentDesk}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package org.fillwatch.incident;
