package org.fillwatch.incident;

/**
 * OPEN when raised; ACKNOWLEDGED by the carrier; ESCALATED once its deadline passed; RESOLVED when
 * the camera saw it ended (container emptied, camera back) or an operator closed it with a comment.
 */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, ESCALATED, RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED;
    }
}
