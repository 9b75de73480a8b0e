package org.fillwatch.incident;

/** An acknowledgement or close that the register refuses; the message says why. */
public class IncidentRefused extends RuntimeException {

    public enum Reason { UNKNOWN, WRONG_CARRIER, ALREADY_RESOLVED, INVALID }

    private final Reason reason;

    public IncidentRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
