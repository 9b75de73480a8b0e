package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.MosquittoProcess;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox: with the broker unreachable the incident still commits and its alert waits in the
 * event publication registry; once a real Mosquitto listens on that port, the periodic
 * resubmission delivers it. The broker also gets the service's "online" and the container's
 * state, both retained.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:fillwatch-outbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "fillwatch.timeseries.store=embedded",
        "fillwatch.cameras.enabled=false",
        "fillwatch.mqtt.resubmit-interval=1s",
        "fillwatch.mqtt.connect-timeout=2s",
        "fillwatch.mqtt.client-id=fillwatch-outbox-${random.uuid}",
        // deadlines are checked by the tests themselves, at the times they choose
        "fillwatch.incidents.escalation-check=1d"})
@Import(TestPavilions.Config.class)
class OutboxIT {

    private static final MosquittoProcess BROKER = MosquittoProcess.onFreePort();

    @DynamicPropertySource
    static void closedBroker(DynamicPropertyRegistry registry) {
        registry.add("fillwatch.mqtt.url", BROKER::url);
    }

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;
    @Autowired JdbcClient jdbc;

    @Test
    void alertWaitsForTheBrokerAndIsDeliveredWhenItComesBack() throws Exception {
        assertThat(BROKER.listening()).as("nothing may listen on the test port yet").isFalse();
        Pavilion pavilion = pavilions.create("carrier-outbox", 1);
        Instant t0 = Instant.parse("2026-11-25T04:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 92, FillState.FULL));
        }

        // committed although the broker is down
        Incident incident = register.list(IncidentStatus.OPEN, "carrier-outbox", 5).get(0);
        Thread.sleep(2500); // first attempt and at least one resubmission fail meanwhile
        assertThat(incompleteFor(incident)).isEqualTo(1);

        try (MosquittoProcess broker = BROKER.start();
             MqttInbox inbox = new MqttInbox(broker.url(), "fillwatch/carriers/carrier-outbox/incidents")) {
            MqttInbox.Message message = inbox.await(incident.registrationNumber(), Duration.ofSeconds(20));
            assertThat(message).as("alert delivered after the broker came back").isNotNull();
            assertThat(message.payload()).contains("\"eventType\":\"opened\"");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (incompleteFor(incident) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(incompleteFor(incident)).isZero();

            // retained: a subscriber that comes later still gets them
            Map<String, String> retained = retained(broker, "fillwatch/availability",
                    "fillwatch/containers/" + pavilion.id() + "/c1/state");
            assertThat(retained.get("fillwatch/availability")).isEqualTo("online");
            assertThat(retained.get("fillwatch/containers/" + pavilion.id() + "/c1/state"))
                    .contains("\"fillPercent\":92.0", "\"state\":\"FULL\"", "\"time\":\"2026-11-25T04:02:00Z\"");
        }
    }

    /** The retained message of each topic, as a subscriber arriving now sees it. */
    private static Map<String, String> retained(MosquittoProcess broker, String... topics) throws Exception {
        Map<String, String> found = new java.util.HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (found.size() < topics.length && System.nanoTime() < deadline) {
            for (String topic : topics) {
                try (MqttInbox inbox = new MqttInbox(broker.url(), topic)) {
                    MqttInbox.Message m = inbox.await("", Duration.ofMillis(300));
                    if (m != null) {
                        found.put(topic, m.payload());
                    }
                }
            }
        }
        return found;
    }

    private long incompleteFor(Incident incident) {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
                .param("%" + incident.registrationNumber() + "%").query(Long.class).single();
    }
}
