package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fillwatch.camera.FrameHandler;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.testing.ApiCalls;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * /actuator/prometheus as Prometheus scrapes it: the FillWatch series move by exactly what the test
 * did (readings, an incident, one analysed frame, one publication left incomplete). The camera
 * series need running cameras: CameraMetersTest and the browser test cover them.
 */
@EmbeddedServiceTest
@org.springframework.test.context.event.RecordApplicationEvents
class MetricsTest {

    @Autowired org.springframework.test.context.event.ApplicationEvents recorded;

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired ObjectProvider<FrameHandler> frameHandlers;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private String scrape() throws Exception {
        HttpResponse<String> response = new ApiCalls(port).get(DemoLogins.ADMIN, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the series with exactly this name and these labels (as printed), 0 when absent. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void seriesFollowWhatHappened() throws Exception {
        String before = scrape();
        Pavilion pavilion = pavilions.create("carrier-a", 1);
        Instant t0 = Instant.parse("2038-01-05T08:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 92, FillState.FULL));
        }
        events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(180), 0, FillState.UNKNOWN));
        // an earlier test in this JVM may leave the shared test thread interrupted: the model's
        // predictor pool would then refuse to wait and the frame would go unanalysed
        if (Thread.interrupted()) {
            System.out.println("MetricsTest: the test thread arrived interrupted; flag cleared");
        }
        // one real frame through vision: one model call with a batch of one crop
        try (RenderedScene scene = new SceneRenderer(11).render(new SceneRenderer(11).randomSpec(640, 360))) {
            frameHandlers.orderedStream().forEach(h -> h.onFrame(pavilion, t0.plusSeconds(240), scene.image()));
        }
        String id = UUID.randomUUID().toString();
        // an alert that could not be delivered yet, dated ahead so that the resubmitter leaves it alone
        jdbc.sql("INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date) "
                        + "VALUES (?, 'metrics-test', 'none', '{}', ?)")
                .params(UUID.fromString(id), OffsetDateTime.now(ZoneOffset.UTC).plusYears(1)).update();
        try {
            Thread.sleep(1100); // the incident counts are kept for a second between scrapes (IncidentMeters)
            String after = scrape();
            assertThat(value(after, "fillwatch_readings_total{state=\"FULL\"}"))
                    .isEqualTo(value(before, "fillwatch_readings_total{state=\"FULL\"}") + 3);
            assertThat(value(after, "fillwatch_readings_total{state=\"UNKNOWN\"}"))
                    .isGreaterThanOrEqualTo(value(before, "fillwatch_readings_total{state=\"UNKNOWN\"}") + 1);
            // the three FULL and the UNKNOWN readings, and whatever vision read in the rendered frame
            long readings = recorded.stream(org.fillwatch.reading.ReadingsRecorded.class)
                    .mapToLong(r -> r.readings().size()).sum();
            assertThat(readings).isGreaterThanOrEqualTo(4);
            double allBefore = sumOf(before, "fillwatch_readings_total");
            assertThat(sumOf(after, "fillwatch_readings_total"))
                    .as("readings %s; before %s; after %s", recorded.stream(org.fillwatch.reading.ReadingsRecorded.class)
                            .flatMap(r -> r.readings().stream()).map(r -> r.pavilionId() + "/" + r.state()).toList(),
                            lines(before, "fillwatch_readings_total"), lines(after, "fillwatch_readings_total"))
                    .isEqualTo(allBefore + readings);
            assertThat(value(after, "fillwatch_incidents{state=\"OPEN\",type=\"FULL\"}"))
                    .isEqualTo(value(before, "fillwatch_incidents{state=\"OPEN\",type=\"FULL\"}") + 1);
            assertThat(value(after, "fillwatch_inference_seconds_count{batch=\"1\"}"))
                    .as("handlers %s; readings %s", frameHandlers.orderedStream().map(h -> h.getClass().getName()).toList(),
                            recorded.stream(org.fillwatch.reading.ReadingsRecorded.class)
                            .flatMap(r -> r.readings().stream()).map(r -> r.pavilionId() + "/" + r.state()).toList())
                    .isEqualTo(value(before, "fillwatch_inference_seconds_count{batch=\"1\"}") + 1);
            assertThat(value(after, "fillwatch_inference_seconds_sum{batch=\"1\"}"))
                    .isGreaterThan(value(before, "fillwatch_inference_seconds_sum{batch=\"1\"}"));
            long incomplete = jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
                    .query(Long.class).single();
            assertThat(value(after, "fillwatch_outbox_backlog")).isGreaterThanOrEqualTo(1).isEqualTo(incomplete);
        } finally {
            jdbc.sql("DELETE FROM event_publication WHERE id = ?").param(UUID.fromString(id)).update();
        }
    }

    @Test
    void onlyAdministratorsScrape() throws Exception {
        ApiCalls api = new ApiCalls(port);
        assertThat(api.get(null, "/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(api.get(DemoLogins.OPERATOR, "/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(api.get(DemoLogins.CARRIER_A, "/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(api.get(null, "/actuator/health").statusCode()).as("health stays public").isEqualTo(200);
    }

    @Test
    void prometheusScrapesWithItsOwnTokenThatOpensNothingElse() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> scrape = http.send(bearer("/actuator/prometheus", "test-scrape-token"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("fillwatch_outbox_backlog");
        assertThat(http.send(bearer("/api/incidents", "test-scrape-token"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("the scrape token is no API token").isEqualTo(401);
        assertThat(http.send(bearer("/actuator/prometheus", "wrong-token"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        assertThat(http.send(bearer("/actuator/prometheus", DemoLogins.CARRIER_A_TOKEN),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("a carrier's token").isEqualTo(403);
    }

    private HttpRequest bearer(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build();
    }

    private static double sumOf(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} ([0-9.eE+-]+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static java.util.List<String> lines(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name)).toList();
    }
}
