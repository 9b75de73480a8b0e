/**
 * Incidents: applies the fill rules to every reading and keeps the register of incidents in the
 * relational database (Flyway migrations; H2 by default, PostgreSQL when configured). A container
 * at or above its threshold for N consecutive readings, or overflowing, opens one incident (never
 * two open for the same container, enforced by a unique key); seeing it emptied closes it. Opening
 * and closing are published as {@link org.fillwatch.incident.IncidentOpened} and {@link
 * org.fillwatch.incident.IncidentClosed}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package org.fillwatch.incident;
