package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fillwatch.incident.HistoryEntry;
import org.fillwatch.incident.Incident;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MosquittoProcess;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The outbox under load: 20 containers fill and are emptied over and over (an incident opened and
 * closed every 6 frames each) while the broker is stopped for 10 s and started again. The carrier's
 * persistent session gets every opened and closed event of every incident in the register, each
 * exactly once after dropping repeats by event id, and nothing else.
 */
@PrivateBrokerServiceTest
class BrokerRestartUnderLoadIT extends PrivateBrokerServiceBase {

    private static final int CONTAINERS = 20;
    private static final MosquittoProcess BROKER = MosquittoProcess.onFreePort().persistent();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("fillwatch.mqtt.url", BROKER::url);
    }


    @Test
    void everyEventOfAnOutageUnderLoadArrivesExactlyOnce() throws Exception {
        String carrier = "carrier-loaded-" + ItServers.RUN;
        String topic = "fillwatch/carriers/" + carrier + "/incidents";
        String subscriberId = "carrier-loaded-" + ItServers.RUN;
        List<Pavilion> sites = new ArrayList<>();
        for (int i = 0; i < CONTAINERS; i++) {
            sites.add(pavilions.create(carrier, 1));
        }
        BROKER.start();
        new MqttInbox(BROKER.url(), topic, subscriberId, false).close(); // the carrier's session, kept by the broker

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger frames = new AtomicInteger();
        Thread load = new Thread(() -> {
            Instant t = Instant.parse("2026-11-25T01:00:00Z");
            for (int round = 0; running.get(); round++) {
                boolean full = round % 6 < 3;
                t = t.plusSeconds(60);
                for (Pavilion site : sites) {
                    events.publishEvent(TestPavilions.frame(site, t, full ? 92 : 8, full ? FillState.FULL : FillState.EMPTY));
                    frames.incrementAndGet();
                }
                try {
                    Thread.sleep(100); // a steady load, the same on a fast machine as on a slow one
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "readings-load");
        load.start();
        Thread.sleep(8000);
        BROKER.close();
        Thread.sleep(10_000);
        BROKER.start();
        Thread.sleep(5000);
        running.set(false);
        load.join(30_000);
        long stopped = System.nanoTime();

        Set<String> expected = new HashSet<>();
        for (Incident i : register.list(null, carrier, 100_000)) {
            for (HistoryEntry h : register.history(i.registrationNumber())) {
                if (h.action().equals("OPENED") || h.action().equals("RESOLVED")) {
                    expected.add(i.registrationNumber() + " " + (h.action().equals("OPENED") ? "opened" : "closed"));
                }
            }
        }
        Map<String, Integer> delivered = new HashMap<>();
        int received = 0;
        try (MqttInbox inbox = new MqttInbox(BROKER.url(), topic, subscriberId, false)) {
            Set<String> eventIds = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!delivered.keySet().containsAll(expected) && System.nanoTime() < deadline) {
                for (MqttInbox.Message m : inbox.drain()) {
                    received++;
                    JsonNode e = json.readTree(m.payload());
                    if (eventIds.add(e.path("eventId").asString())) {
                        delivered.merge(e.path("registrationNumber").asString() + " " + e.path("eventType").asString(), 1,
                                Integer::sum);
                    }
                }
                Thread.sleep(200);
            }
        } finally {
            BROKER.close();
        }
        System.out.printf("BrokerRestartUnderLoadIT: %d frames (%d containers), broker down 10 s; %d events expected, "
                        + "%d distinct delivered, %d messages received, all in within %d ms after the load stopped%n",
                frames.get(), CONTAINERS, expected.size(), delivered.size(), received,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
        assertThat(expected.size()).as("incidents opened and closed during the run").isGreaterThan(2 * CONTAINERS);
        assertThat(delivered.keySet()).as("every event delivered, nothing else").isEqualTo(expected);
        assertThat(delivered.values()).as("each event once (by event id)").allMatch(n -> n == 1);
    }
}
