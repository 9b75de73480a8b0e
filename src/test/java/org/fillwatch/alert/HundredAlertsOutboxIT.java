package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fillwatch.incident.Incident;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MosquittoProcess;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Broker stopped, 100 incidents raised (committed in PostgreSQL with their alerts in the outbox),
 * broker started: the carrier, subscribed with a persistent session, receives all 100 once
 * duplicates are dropped by event id.
 */
@PrivateBrokerServiceTest
class HundredAlertsOutboxIT extends PrivateBrokerServiceBase {

    private static final int INCIDENTS = 100;
    private static final MosquittoProcess BROKER = MosquittoProcess.onFreePort().persistent();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("fillwatch.mqtt.url", BROKER::url);
    }

    @Autowired JdbcClient jdbc;

    @Test
    void hundredIncidentsRaisedWhileTheBrokerIsDownAllArriveAfterItStarts() throws Exception {
        String carrier = "carrier-hundred-" + ItServers.RUN;
        String topic = "fillwatch/carriers/" + carrier + "/incidents";
        String subscriberId = "carrier-" + ItServers.RUN;
        // the carrier's persistent session exists before the outage, as it would in production
        try (MosquittoProcess broker = BROKER.start()) {
            new MqttInbox(broker.url(), topic, subscriberId, false).close();
        }
        assertThat(BROKER.listening()).isFalse();

        Instant t0 = Instant.parse("2026-11-25T03:00:00Z");
        for (int p = 0; p < INCIDENTS; p++) {
            Pavilion pavilion = pavilions.create(carrier, 1);
            for (int i = 0; i < 3; i++) {
                events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 90, FillState.FULL));
            }
        }
        List<Incident> raised = register.list(null, carrier, 1000);
        assertThat(raised).hasSize(INCIDENTS);
        Set<String> numbers = new HashSet<>(raised.stream().map(Incident::registrationNumber).toList());
        // other listeners of the same events (not the broker's) may still be finishing on their own threads
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (incomplete() > INCIDENTS && System.nanoTime() < settle) {
            Thread.sleep(100);
        }
        assertThat(incomplete()).isEqualTo(INCIDENTS);

        long started = System.nanoTime();
        try (MosquittoProcess broker = BROKER.start();
             MqttInbox inbox = new MqttInbox(broker.url(), topic, subscriberId, false)) {
            List<JsonNode> received = new ArrayList<>();
            Set<String> eventIds = new HashSet<>();
            Set<String> delivered = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivered.size() < INCIDENTS && System.nanoTime() < deadline) {
                MqttInbox.Message m = inbox.await("", Duration.ofMillis(200));
                if (m == null) {
                    continue;
                }
                JsonNode event = json.readTree(m.payload());
                received.add(event);
                if (eventIds.add(event.path("eventId").asString())) {
                    delivered.add(event.path("registrationNumber").asString());
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("HundredAlertsOutboxIT: %d distinct of %d received, %d ms after the broker started%n",
                    eventIds.size(), received.size(), millis);
            assertThat(delivered).as("after dropping duplicates by event id, none missing").isEqualTo(numbers);
            assertThat(eventIds).hasSize(INCIDENTS);
            assertThat(received).allSatisfy(e -> assertThat(e.path("eventType").asString()).isEqualTo("opened"));

            long completeBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (incomplete() > 0 && System.nanoTime() < completeBy) {
                Thread.sleep(100);
            }
            assertThat(incomplete()).as("outbox emptied").isZero();
        } finally {
            BROKER.close();
        }
    }

    /** Undelivered alerts of this test's carrier (other tests of the context may leave their own). */
    private long incomplete() {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL "
                        + "AND serialized_event LIKE ?")
                .param("%carrier-hundred-" + ItServers.RUN + "%").query(Long.class).single();
    }
}
