package org.fillwatch.incident;

public enum IncidentStatus { OPEN, RESOLVED }
