package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.ServersIT;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An incident opened in the service reaches a separate subscriber through a real Mosquitto. */
class MosquittoAlertIT extends ServersIT {

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;

    @Test
    void overflowIncidentIsPublishedToTheCarriersTopic() throws Exception {
        String carrier = "carrier-" + ItServers.RUN;
        Pavilion pavilion = pavilions.create(carrier, 1);
        Instant t0 = Instant.parse("2026-11-25T07:00:00Z");

        try (MqttInbox inbox = new MqttInbox(ItServers.mqttUrl(), "fillwatch/carriers/" + carrier + "/incidents")) {
            for (int i = 0; i < 3; i++) {
                events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 100, FillState.OVERFLOWING));
            }
            Incident incident = register.list(IncidentStatus.OPEN, carrier, 5).get(0);

            MqttInbox.Message message = inbox.await(incident.registrationNumber(), Duration.ofSeconds(15));

            assertThat(message).as("alert received from Mosquitto").isNotNull();
            assertThat(message.topic()).isEqualTo("fillwatch/carriers/" + carrier + "/incidents");
            JsonNode payload = JsonMapper.builder().build().readTree(message.payload());
            assertThat(payload.path("eventType").asString()).isEqualTo("opened");
            assertThat(payload.path("eventId").asString()).hasSize(36);
            assertThat(payload.path("registrationNumber").asString()).isEqualTo(incident.registrationNumber());
            assertThat(payload.path("pavilion").asString()).isEqualTo(pavilion.id());
            assertThat(payload.path("container").asString()).isEqualTo("c1");
            assertThat(payload.path("carrier").asString()).isEqualTo(carrier);
            assertThat(payload.path("district").asString()).isEqualTo("Centre");
            assertThat(payload.path("type").asString()).isEqualTo("OVERFLOW");
            assertThat(payload.path("fillPercent").asDouble()).isEqualTo(100.0);
            assertThat(payload.path("openedAt").asString()).isEqualTo("2026-11-25T07:02:00Z");
        }
    }
}
