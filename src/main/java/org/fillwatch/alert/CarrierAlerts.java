package org.fillwatch.alert;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentClosed;
import org.fillwatch.incident.IncidentEscalated;
import org.fillwatch.incident.IncidentOpened;
import org.fillwatch.incident.IncidentUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends every opened and closed incident to its carrier. Runs after the incident's transaction
 * committed, asynchronously; a failed send throws, which leaves the event publication incomplete in
 * the registry (the outbox) for {@link OutboxResubmitter} to try again.
 */
class CarrierAlerts {

    private static final Logger log = LoggerFactory.getLogger(CarrierAlerts.class);

    private final CarrierMqtt mqtt;
    private final JsonMapper json;

    CarrierAlerts(CarrierMqtt mqtt, JsonMapper json) {
        this.mqtt = mqtt;
        this.json = json;
    }

    @ApplicationModuleListener
    void on(IncidentOpened event) throws MqttException {
        send(event.eventId(), AlertPayload.OPENED, event.incident());
    }

    @ApplicationModuleListener
    void on(IncidentUpdated event) throws MqttException {
        send(event.eventId(), AlertPayload.UPDATED, event.incident());
    }

    @ApplicationModuleListener
    void on(IncidentEscalated event) throws MqttException {
        send(event.eventId(), AlertPayload.ESCALATED, event.incident());
    }

    @ApplicationModuleListener
    void on(IncidentClosed event) throws MqttException {
        send(event.eventId(), AlertPayload.CLOSED, event.incident());
    }

    private void send(String eventId, String eventType, Incident incident) throws MqttException {
        send(AlertPayload.topic(incident.carrierId()), eventId, eventType, incident);
    }

    /** Shared with the operators' escalation topic; throws so the publication stays in the outbox. */
    void send(String topic, String eventId, String eventType, Incident incident) throws MqttException {
        try {
            mqtt.publish(topic, json.writeValueAsBytes(AlertPayload.of(eventId, eventType, incident)));
        } catch (MqttException e) {
            log.warn("Alert {} {} for {} not delivered to {} ({}); it stays in the outbox",
                    incident.registrationNumber(), eventType, incident.carrierId(), mqtt.url(), e.getMessage());
            throw e;
        }
        log.info("Alert {} {} sent to {}", incident.registrationNumber(), eventType, topic);
    }
}
