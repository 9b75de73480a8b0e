package org.fillwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fillwatch.camera.CameraCameBack;
import org.fillwatch.camera.CameraWentOffline;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.incident.IncidentType;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.timeseries.FillHistory;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames in, incident and carrier alert out, over the embedded defaults: readings are stored,
 * three full readings open an incident that a separate MQTT client receives, three emptied ones
 * close it, and the API and health endpoint show it all.
 */
@EmbeddedServiceTest
class ServiceFlowTest {

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;
    @Autowired FillHistory history;
    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void fullContainerOpensIncidentThatReachesTheCarrierAndEmptyingClosesIt() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-flow", 2);
        String brokerUrl = brokerUrl();
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");

        try (MqttInbox inbox = new MqttInbox(brokerUrl, "fillwatch/carriers/+/incidents")) {
            events.publishEvent(TestPavilions.frame(pavilion, t0, 91, FillState.FULL));
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60), 93, FillState.FULL));
            assertThat(register.list(IncidentStatus.OPEN, "carrier-flow", 10)).isEmpty();
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(120), 95, FillState.FULL));

            List<Incident> open = register.list(IncidentStatus.OPEN, "carrier-flow", 10);
            assertThat(open).hasSize(1);
            Incident incident = open.get(0);
            assertThat(incident.registrationNumber()).matches("2026-\\d{6}");
            assertThat(incident.type()).isEqualTo(IncidentType.FULL);
            assertThat(incident.containerId()).isEqualTo("c1");
            assertThat(incident.openedAt()).isEqualTo(t0.plusSeconds(120));

            MqttInbox.Message opened = inbox.await(incident.registrationNumber(), Duration.ofSeconds(10));
            assertThat(opened).as("opened alert on the broker").isNotNull();
            assertThat(opened.topic()).isEqualTo("fillwatch/carriers/carrier-flow/incidents");
            JsonNode payload = json.readTree(opened.payload());
            assertThat(payload.path("eventType").asString()).isEqualTo("opened");
            assertThat(payload.path("pavilion").asString()).isEqualTo(pavilion.id());
            assertThat(payload.path("fillPercent").asDouble()).isEqualTo(95.0);

            // still full: no second incident
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(180), 97, FillState.FULL));
            for (int i = 0; i < 3; i++) {
                events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(240 + 60 * i), 8, FillState.EMPTY));
            }
            Incident closed = register.find(incident.registrationNumber()).orElseThrow();
            assertThat(closed.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(closed.closeReason()).isEqualTo("emptied");
            assertThat(closed.closedAt()).isEqualTo(t0.plusSeconds(360));
            assertThat(closed.fillPercent()).isEqualTo(97.0);
            assertThat(register.list(null, "carrier-flow", 10)).hasSize(1);

            MqttInbox.Message closedAlert = inbox.await("\"closed\"", Duration.ofSeconds(10));
            assertThat(closedAlert).as("closed alert on the broker").isNotNull();
            assertThat(json.readTree(closedAlert.payload()).path("registrationNumber").asString())
                    .isEqualTo(incident.registrationNumber());
            assertThat(json.readTree(closedAlert.payload()).path("eventId").asString())
                    .isNotEqualTo(payload.path("eventId").asString());
        }

        assertThat(history.of(pavilion.id(), "c1", t0, t0.plusSeconds(3600)))
                .extracting(r -> r.fillPercent()).containsExactly(91.0, 93.0, 95.0, 97.0, 8.0, 8.0, 8.0);
    }

    @Test
    void overflowOnAFullIncidentUpgradesTheSameIncident() {
        Pavilion pavilion = pavilions.create("carrier-upgrade", 1);
        Instant t0 = Instant.parse("2026-11-25T11:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 85, FillState.FULL));
        }
        // unsure frames in between change nothing
        events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(200), 10, FillState.UNKNOWN));
        for (int i = 4; i < 7; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 100, FillState.OVERFLOWING));
        }

        List<Incident> incidents = register.list(null, "carrier-upgrade", 10);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).type()).isEqualTo(IncidentType.OVERFLOW);
        assertThat(incidents.get(0).status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incidents.get(0).fillPercent()).isEqualTo(100.0);
        assertThat(incidents.get(0).openedAt()).isEqualTo(t0.plusSeconds(120));
    }

    @Test
    void carrierAcknowledgesAndOperatorClosesOverRest() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-rest", 1);
        Instant t0 = Instant.parse("2026-11-25T12:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 90, FillState.FULL));
        }
        String number = register.list(IncidentStatus.OPEN, "carrier-rest", 1).get(0).registrationNumber();
        String base = "/api/incidents/" + number;

        assertThat(post(base + "/ack", "{\"carrier\":\"carrier-other\"}").statusCode()).isEqualTo(403);
        assertThat(post(base + "/ack", "{}").statusCode()).isEqualTo(400);
        assertThat(post("/api/incidents/1999-999999/ack", "{\"carrier\":\"carrier-rest\"}").statusCode()).isEqualTo(404);
        HttpResponse<String> acked = post(base + "/ack", "{\"carrier\":\"carrier-rest\",\"by\":\"dispatcher\"}");
        assertThat(acked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(acked.body()).path("status").asString()).isEqualTo("ACKNOWLEDGED");
        HttpResponse<String> again = post(base + "/ack", "{\"carrier\":\"carrier-rest\",\"by\":\"someone else\"}");
        assertThat(again.statusCode()).as("a repeated ack is harmless").isEqualTo(200);
        assertThat(json.readTree(again.body()).path("acknowledgedBy").asString()).isEqualTo("dispatcher");

        assertThat(post(base + "/close", "{\"by\":\"anna\",\"comment\":\"  \"}").statusCode()).isEqualTo(400);
        HttpResponse<String> closed = post(base + "/close", "{\"by\":\"anna\",\"comment\":\"container stolen\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(closed.body());
        assertThat(body.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(body.path("closeReason").asString()).isEqualTo("closed by operator: container stolen");
        assertThat(body.path("timeToPickupSeconds").isNumber()).isTrue();
        assertThat(post(base + "/close", "{\"comment\":\"again\"}").statusCode()).isEqualTo(409);

        JsonNode history = get(base + "/history").body();
        assertThat(history).extracting(h -> h.path("action").asString())
                .containsExactly("OPENED", "ACKNOWLEDGED", "RESOLVED");
        assertThat(history.get(2).path("actor").asString()).isEqualTo("operator:anna");
        assertThat(history.get(2).path("reason").asString()).contains("container stolen");
    }

    @Test
    void apiShowsPavilionsWithLatestReadingsAndMaskedCamera() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-api", 2);
        events.publishEvent(TestPavilions.frame(pavilion, Instant.parse("2026-11-25T09:00:00Z"), 42, FillState.PARTIAL));
        events.publishEvent(TestPavilions.frame(pavilion, Instant.parse("2026-11-25T09:01:00Z"), 44, FillState.PARTIAL));

        JsonNode all = get("/api/pavilions").body();
        JsonNode mine = null;
        for (JsonNode p : all) {
            if (p.path("id").asString().equals(pavilion.id())) {
                mine = p;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("carrier").asString()).isEqualTo("carrier-api");
        assertThat(mine.path("camera").path("url").asString()).doesNotContain("secret").contains("***@");
        JsonNode c1 = mine.path("containers").get(0);
        assertThat(c1.path("id").asString()).isEqualTo("c1");
        assertThat(c1.path("fillPercent").asDouble()).isEqualTo(44.0);
        assertThat(c1.path("state").asString()).isEqualTo("PARTIAL");
        assertThat(c1.path("time").asString()).isEqualTo("2026-11-25T09:01:00Z");
        JsonNode c2 = mine.path("containers").get(1);
        assertThat(c2.path("id").asString()).isEqualTo("c2");
        assertThat(c2.path("fillPercent").isNull()).isTrue();
    }

    /**
     * An offline camera's containers show UNKNOWN in the API and on the retained state topic, with the
     * last reading kept apart; coming back is not enough, a new reading brings the real state back.
     */
    @Test
    void offlineCameraShowsItsContainersUnknownUntilANewReading() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-offline", 1);
        String brokerUrl = brokerUrl();
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        String topic = "fillwatch/containers/" + pavilion.id() + "/c1/state";
        events.publishEvent(TestPavilions.frame(pavilion, t0, 62, FillState.PARTIAL));
        assertThat(container(pavilion, "c1").path("state").asString()).isEqualTo("PARTIAL");

        try (MqttInbox inbox = new MqttInbox(brokerUrl, topic)) {
            events.publishEvent(new CameraWentOffline(pavilion.id(), t0.plusSeconds(30), "connection refused"));
            JsonNode c1 = container(pavilion, "c1");
            assertThat(c1.path("state").asString()).isEqualTo("UNKNOWN");
            assertThat(c1.path("unknownReason").asString()).isEqualTo("camera offline");
            assertThat(c1.path("lastKnownState").asString()).isEqualTo("PARTIAL");
            assertThat(c1.path("fillPercent").asDouble()).isEqualTo(62.0);
            assertThat(c1.path("time").asString()).isEqualTo("2026-11-25T10:00:00Z");

            MqttInbox.Message unknown = inbox.await("\"UNKNOWN\"", Duration.ofSeconds(10));
            assertThat(unknown).as("UNKNOWN state on the retained topic").isNotNull();
            JsonNode state = json.readTree(unknown.payload());
            assertThat(state.path("fillPercent").asDouble()).isEqualTo(62.0);
            assertThat(state.path("time").asString()).isEqualTo("2026-11-25T10:00:30Z");

            events.publishEvent(new CameraCameBack(pavilion.id(), t0.plusSeconds(600), t0.plusSeconds(30)));
            assertThat(container(pavilion, "c1").path("state").asString())
                    .as("the reading from before the outage does not count again").isEqualTo("UNKNOWN");
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(600), 71, FillState.PARTIAL));
            c1 = container(pavilion, "c1");
            assertThat(c1.path("state").asString()).isEqualTo("PARTIAL");
            assertThat(c1.path("fillPercent").asDouble()).isEqualTo(71.0);
            assertThat(c1.path("unknownReason").isNull()).isTrue();
            assertThat(inbox.await("71.0", Duration.ofSeconds(10))).as("real state again on the topic").isNotNull();
        }
        // a retained message: a late subscriber gets the newest state, not UNKNOWN
        try (MqttInbox late = new MqttInbox(brokerUrl, topic)) {
            MqttInbox.Message retained = late.await("PARTIAL", Duration.ofSeconds(10));
            assertThat(retained).isNotNull();
            assertThat(retained.payload()).contains("71.0");
        }
    }

    private String brokerUrl() throws Exception {
        return get("/actuator/health").body().path("components").path("mqtt").path("details").path("url").asString();
    }

    private JsonNode container(Pavilion pavilion, String containerId) throws Exception {
        for (JsonNode p : get("/api/pavilions").body()) {
            if (p.path("id").asString().equals(pavilion.id())) {
                for (JsonNode c : p.path("containers")) {
                    if (c.path("id").asString().equals(containerId)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no container " + containerId + " of " + pavilion.id() + " in the API");
    }

    @Test
    void unknownIncidentIsA404ProblemDetail() throws Exception {
        HttpResponse<String> response = http.send(request("/api/incidents/1999-999999"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("detail").asString()).contains("1999-999999");
    }

    @Test
    void badStatusFilterIsA400() throws Exception {
        assertThat(http.send(request("/api/incidents?status=maybe"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void healthShowsDatabaseTimeseriesAndBroker() throws Exception {
        JsonNode components = get("/actuator/health").body().path("components");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("timeseries").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("timeseries").path("details").path("store").asString()).isEqualTo("embedded");
        assertThat(components.path("mqtt").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("mqtt").path("details").path("embedded").asBoolean()).isTrue();
    }

    private record Json(int status, JsonNode body) {
    }

    private Json get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new Json(response.statusCode(), json.readTree(response.body()));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", DemoLogins.OPERATOR.basic())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Autowired org.fillwatch.camera.FrameHandler frames;
    @Autowired org.springframework.context.ConfigurableApplicationContext context;

    /** The frame the camera sent before the incident gives its evidence picture, served by the API. */
    @Test
    void incidentOpeningStoresAPrivacyBlurredEvidencePictureServedByTheApi() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-evidence", 1);
        Instant t0 = Instant.parse("2026-11-25T09:00:00Z");
        org.fillwatch.scene.SceneRenderer renderer = new org.fillwatch.scene.SceneRenderer(77, null);
        // vision keeps no frame: the incident takes its picture from the frame whose readings open it, so
        // the three full readings are published while the rendered frame's own analysis is under way
        java.util.concurrent.atomic.AtomicBoolean published = new java.util.concurrent.atomic.AtomicBoolean();
        context.addApplicationListener((org.springframework.context.ApplicationEvent event) -> {
            if (event instanceof org.springframework.context.PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof FrameAnalysed analysed && analysed.pavilionId().equals(pavilion.id())
                    && published.compareAndSet(false, true)) {
                for (int i = 1; i <= 3; i++) {
                    events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 92, FillState.FULL));
                }
            }
        });
        try (org.fillwatch.scene.RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            frames.onFrame(pavilion, t0, scene.image());
        }
        assertThat(published).isTrue();
        String number = register.list(IncidentStatus.OPEN, "carrier-evidence", 1).get(0).registrationNumber();
        String base = "/api/incidents/" + number + "/evidence";
        JsonNode list = get(base).body();
        assertThat(list).hasSize(1);
        String name = list.get(0).path("name").asString();
        Incident incident = register.find(number).orElseThrow();
        assertThat(name).isEqualTo("opened-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(incident.openedAt()) + ".jpg");
        HttpResponse<byte[]> picture = http.send(request(base + "/" + name), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(picture.body()).hasSize(list.get(0).path("bytes").asInt()).startsWith((byte) 0xFF, (byte) 0xD8);

        HttpResponse<String> unknown = http.send(request(base + "/opened-x.jpg"), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(http.send(request("/api/incidents/1999-999999/evidence"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", DemoLogins.OPERATOR.basic()).build();
    }
}
