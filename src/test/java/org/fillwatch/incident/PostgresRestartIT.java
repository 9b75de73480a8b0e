package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.PostgresProcess;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a PostgreSQL server of the test's own, which is shut down (fast: connections cut)
 * while containers fill, and started again 8 s later. Readings during the outage fail and are
 * logged; afterwards the service uses new connections without a restart. Every incident that was
 * committed survives, each container gets exactly one incident, and the carrier receives each
 * opened and closed event exactly once (no lost or duplicated alerts).
 */
@SpringBootTest(properties = {
        "fillwatch.timeseries.store=embedded",
        "fillwatch.cameras.enabled=false",
        "fillwatch.evidence.dir=${java.io.tmpdir}/fillwatch-evidence-${random.uuid}",
        "fillwatch.mqtt.client-id=fillwatch-pgrestart-${random.uuid}",
        "fillwatch.mqtt.resubmit-interval=2s",
        "fillwatch.incidents.escalation-check=1d",
        "fillwatch.incidents.camera-offline.check=1d",
        "fillwatch.incidents.forecast.enabled=false",
        // a reading must not wait 30 s (Hikari's default) for a connection while the server is away
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.username=postgres",
        "spring.datasource.password="})
@Import(TestPavilions.Config.class)
class PostgresRestartIT {

    static PostgresProcess postgres;

    @DynamicPropertySource
    static void privateServer(DynamicPropertyRegistry registry) throws Exception {
        postgres = PostgresProcess.initialised().start();
        postgres.createDatabase("fillwatch");
        registry.add("spring.datasource.url", () -> postgres.url("fillwatch"));
        registry.add("fillwatch.mqtt.url", ItServers::mqttUrl);
    }

    @AfterAll
    static void removeServer() throws Exception {
        postgres.close();
    }

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;

    private final JsonMapper json = JsonMapper.builder().build();
    private Instant time = Instant.parse("2026-11-25T05:00:00Z");
    private int failedFrames;

    @Test
    void serviceReconnectsAfterARestartAndNoIncidentIsLostOrDuplicated() throws Exception {
        String carrier = "carrier-pg-" + UUID.randomUUID().toString().substring(0, 6);
        Pavilion site = pavilions.create(carrier, 4);
        try (MqttInbox inbox = new MqttInbox(ItServers.mqttUrl(), "fillwatch/carriers/" + carrier + "/incidents")) {
            // c1 fills and is emptied, c2 fills, c3 and c4 are half full
            rounds(site, 4, 95, 95, 50, 50);
            rounds(site, 4, 5, 95, 50, 50);
            assertThat(register.list(null, carrier, 10)).hasSize(2);

            postgres.stop();
            long stoppedAt = System.nanoTime();
            // c2 stays full, c3 fills while the server is away
            while (System.nanoTime() - stoppedAt < Duration.ofSeconds(8).toNanos()) {
                rounds(site, 1, 5, 95, 95, 50);
            }
            int failedDuringOutage = failedFrames;
            postgres.start();

            // no restart of the service: the pool replaces its dead connections
            rounds(site, 4, 5, 95, 95, 50);
            rounds(site, 4, 5, 5, 5, 50);

            List<Incident> incidents = register.list(null, carrier, 100);
            Map<String, List<Incident>> byContainer = incidents.stream().collect(Collectors.groupingBy(Incident::containerId));
            System.out.printf("PostgresRestartIT: %d frames failed during the 8 s outage; incidents %s%n",
                    failedDuringOutage, incidents.stream().map(i -> i.containerId() + " " + i.registrationNumber()
                            + " " + i.status()).toList());
            assertThat(failedDuringOutage).as("frames whose readings could not be applied").isPositive();
            assertThat(byContainer.keySet()).containsExactlyInAnyOrder("c1", "c2", "c3");
            byContainer.values().forEach(list -> assertThat(list).as("one incident per container").hasSize(1));
            assertThat(incidents).allSatisfy(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));

            // every opened and closed event reaches the carrier, once
            Set<String> expected = new HashSet<>();
            incidents.forEach(i -> {
                expected.add(i.registrationNumber() + " opened");
                expected.add(i.registrationNumber() + " closed");
            });
            List<String> received = new ArrayList<>();
            Set<String> eventIds = new HashSet<>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!new HashSet<>(received).containsAll(expected) && System.nanoTime() < end) {
                for (MqttInbox.Message m : inbox.drain()) {
                    JsonNode event = json.readTree(m.payload());
                    if (eventIds.add(event.path("eventId").asString())) { // at least once: repeats have the same id
                        received.add(event.path("registrationNumber").asString() + " " + event.path("eventType").asString());
                    }
                }
                Thread.sleep(200);
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** {@code n} frames of the pavilion, each container at the given fill. */
    private void rounds(Pavilion site, int n, double... fills) {
        for (int r = 0; r < n; r++) {
            time = time.plusSeconds(60);
            List<ContainerEstimate> estimates = new ArrayList<>();
            for (int c = 0; c < fills.length; c++) {
                FillState state = fills[c] >= 80 ? FillState.FULL : fills[c] <= 30 ? FillState.EMPTY : FillState.PARTIAL;
                estimates.add(new ContainerEstimate("c" + (c + 1), fills[c], state, 0.9, 0));
            }
            try {
                events.publishEvent(new FrameAnalysed(site.id(), time, "test", estimates));
            } catch (RuntimeException e) {
                failedFrames++; // the camera worker logs and drops such a frame
            }
        }
    }
}
