package org.fillwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.fillwatch.FillWatchApplication;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.testing.FreshPostgresDatabase;
import org.fillwatch.testing.ItServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path on real parts: the demo clip of pavilion ptr-001 (rendered by the scene renderer;
 * container c2 fills up from 35 % to full by 30 s, overflows from 55 s and is emptied by a truck at
 * 90 s) is played as a looped live camera, analysed by the shipped model, stored in PostgreSQL, and
 * a separate carrier subscriber on Mosquitto must see exactly one incident for c2 opened, then closed.
 */
class ClipToCarrierIT {

    private static final Path DEMO = Path.of("camera-config/demo");
    private static final Duration CLIP_PLAYS_OUT = Duration.ofSeconds(150);

    @TempDir
    Path config;

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @Test
    void aFillingContainerOpensExactlyOneIncidentAndTheEmptyingClosesIt() throws Exception {
        String carrier = "carrier-e2e-" + ItServers.RUN;
        preparePavilion(carrier);
        String topic = "fillwatch/carriers/" + carrier + "/incidents";

        try (FreshPostgresDatabase database = new FreshPostgresDatabase();
             MqttClient subscriber = subscribe(topic);
             ConfigurableApplicationContext app = start(database)) {

            JsonNode closed = awaitEvent("closed", "c2", CLIP_PLAYS_OUT);

            assertThat(closed).as("c2 reported closed within %s; received %s", CLIP_PLAYS_OUT, received).isNotNull();
            List<JsonNode> openedForC2 = events("opened", "c2");
            Set<String> incidentsForC2 = openedForC2.stream()
                    .map(e -> e.path("registrationNumber").asString()).collect(Collectors.toSet());
            assertThat(incidentsForC2).as("incidents opened for c2").hasSize(1);
            assertThat(closed.path("registrationNumber").asString()).isEqualTo(incidentsForC2.iterator().next());
            assertThat(closed.path("closeReason").asString()).isEqualTo("emptied");
            assertThat(events("opened", "c4")).as("c4 never passes 37.5 %% in the clip").isEmpty();

            Incident stored = app.getBean(IncidentRegister.class)
                    .find(closed.path("registrationNumber").asString()).orElseThrow();
            assertThat(stored.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(stored.pavilionId()).isEqualTo("ptr-001");
            assertThat(stored.fillPercent()).as("highest fill seen while open").isGreaterThanOrEqualTo(80.0);
            subscriber.disconnect();
        }
    }

    private void preparePavilion(String carrier) throws Exception {
        Files.createDirectories(config.resolve("clips"));
        Files.copy(DEMO.resolve("clips/ptr-001.avi"), config.resolve("clips/ptr-001.avi"));
        String yaml = Files.readString(DEMO.resolve("ptr-001.yaml"), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^carrier: .*$", "carrier: " + carrier);
        Files.writeString(config.resolve("ptr-001.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private MqttClient subscribe(String topic) throws Exception {
        MqttClient client = new MqttClient(ItServers.mqttUrl(), "e2e-carrier-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        JsonMapper json = JsonMapper.builder().build();
        client.subscribe(topic, 1, (t, message) ->
                received.add(json.readTree(new String(message.getPayload(), StandardCharsets.UTF_8))));
        return client;
    }

    private ConfigurableApplicationContext start(FreshPostgresDatabase database) {
        return new SpringApplicationBuilder(FillWatchApplication.class).run(
                "--server.port=0",
                "--fillwatch.cameras.config-dir=" + config,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + ItServers.postgresUser(),
                "--spring.datasource.password=" + ItServers.postgresPassword(),
                "--fillwatch.mqtt.url=" + ItServers.mqttUrl(),
                "--fillwatch.mqtt.client-id=fillwatch-e2e-" + ItServers.RUN);
    }

    private JsonNode awaitEvent(String type, String container, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> matching = events(type, container);
            if (!matching.isEmpty()) {
                return matching.get(0);
            }
            Thread.sleep(250);
        }
        return null;
    }

    private List<JsonNode> events(String type, String container) {
        return received.stream()
                .filter(e -> type.equals(e.path("eventType").asString()))
                .filter(e -> container.equals(e.path("container").asString()))
                .toList();
    }
}
