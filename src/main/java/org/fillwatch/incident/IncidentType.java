package org.fillwatch.incident;

/** What an incident is about. The first three concern a container's fill, the others its camera. */
public enum IncidentType {
    FULL, OVERFLOW, FORECAST_FULL, CONTAINER_MISSING, CAMERA_OFFLINE, CAMERA_TAMPERED;

    /** Fill incidents share one open slot per container: a new breach updates the open one. */
    public boolean isFill() {
        return this == FULL || this == OVERFLOW || this == FORECAST_FULL || this == CONTAINER_MISSING;
    }
}
