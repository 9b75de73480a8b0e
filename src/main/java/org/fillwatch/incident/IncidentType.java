package org.fillwatch.incident;

public enum IncidentType { FULL, OVERFLOW }
