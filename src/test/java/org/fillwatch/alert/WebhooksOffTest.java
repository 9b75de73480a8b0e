package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An opening leaves one outbox row, the MQTT alert's: none for webhooks when no carrier has one,
 * none for the evidence picture (taken once the opening commits, never retried).
 */
@EmbeddedServiceTest
class WebhooksOffTest {

    @Autowired ApplicationContext context;
    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;

    @Test
    void anOpeningIsRecordedForTheMqttAlertAlone() {
        assertThat(context.getBeansOfType(CarrierWebhooks.class)).isEmpty();
        Pavilion pavilion = pavilions.create("carrier-no-hook", 1);
        Instant t0 = Instant.parse("2026-11-25T07:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 95, FillState.FULL));
        }
        assertThat(jdbc.sql("SELECT listener_id FROM event_publication WHERE serialized_event LIKE ?")
                .param("%" + pavilion.id() + "%").query(String.class).list())
                .singleElement().asString().contains("CarrierAlerts").contains("IncidentOpened");
    }
}
