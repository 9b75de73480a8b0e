package org.fillwatch.incident;

import java.util.List;
import java.util.Optional;

/** Queries over the incident register. */
public interface IncidentRegister {

    /** Newest first; status may be null for all. */
    List<Incident> list(IncidentStatus status, String carrierId, int limit);

    Optional<Incident> find(String registrationNumber);

    /** Every change of the incident, oldest first; empty for an unknown number. */
    List<HistoryEntry> history(String registrationNumber);
}
