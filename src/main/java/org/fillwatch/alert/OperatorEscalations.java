package org.fillwatch.alert;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.fillwatch.incident.IncidentEscalated;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Sends every escalation to the operators' topic as well. A listener of its own, so it is a
 * publication of its own in the outbox: a failed send to operators is retried without resending
 * the carrier's copy. Same event id as the carrier's copy: it is the same escalation.
 */
class OperatorEscalations {

    private final CarrierAlerts alerts;

    OperatorEscalations(CarrierAlerts alerts) {
        this.alerts = alerts;
    }

    @ApplicationModuleListener
    void on(IncidentEscalated event) throws MqttException {
        alerts.send(AlertPayload.ESCALATIONS_TOPIC, event.eventId(), AlertPayload.ESCALATED, event.incident());
    }
}
