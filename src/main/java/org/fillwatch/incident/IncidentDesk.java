package org.fillwatch.incident;

/**
 * What people do with incidents: a carrier acknowledges one (MQTT or REST), an operator closes one
 * with a comment. Each call runs in its own transaction, writes the history and publishes the change.
 */
public interface IncidentDesk {

    /**
     * @param carrierId the carrier acknowledging; must be the incident's carrier
     * @param by        who, as the carrier names it (free text, may be null)
     * @throws IncidentRefused when the number is unknown, belongs to another carrier, or is resolved
     */
    Incident acknowledge(String registrationNumber, String carrierId, String by);

    /**
     * @throws IncidentRefused when the number is unknown, already resolved or the comment is blank
     */
    Incident close(String registrationNumber, String by, String comment);
}
