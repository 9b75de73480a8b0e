package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API endpoint gets malformed JSON, wrong types, huge bodies, unknown ids and bad
 * parameters: each answer is a 4xx RFC 9457 problem (application/problem+json with status and
 * title), never a 500, never an exception's internals, and nothing stored changes. New endpoints
 * are one line in {@link #endpoints()}; every request goes through {@link #send} (credentials go there).
 */
@EmbeddedServiceTest
class ApiBadInputTest {

    /** Tables whose rows must not change through a refused request. */
    private static final List<String> TABLES = List.of("incident", "incident_history", "event_publication",
            "operator_label", "fill_reading");
    private static final String UNKNOWN = "2026-999999";

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.fillwatch.timeseries.FillHistory history;
    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String known;
    private Pavilion pavilion;

    /** One endpoint: method, path template ({no} = an existing incident, {p} = a pavilion), JSON body or not. */
    record Endpoint(String method, String path, boolean jsonBody) {
    }

    /** A bad request and the statuses it may get. */
    record Bad(String what, String method, String path, String contentType, byte[] body, boolean chunked, Set<Integer> expected) {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/pavilions", false),
                new Endpoint("GET", "/api/incidents", false),
                new Endpoint("GET", "/api/incidents/{no}", false),
                new Endpoint("GET", "/api/incidents/{no}/history", false),
                new Endpoint("GET", "/api/incidents/{no}/evidence", false),
                new Endpoint("GET", "/api/incidents/{no}/evidence/{name}", false),
                new Endpoint("POST", "/api/incidents/{no}/ack", true),
                new Endpoint("POST", "/api/incidents/{no}/close", true),
                new Endpoint("GET", "/api/pavilions/{p}/containers/{c}/crop", false),
                new Endpoint("POST", "/api/labels", true),
                new Endpoint("GET", "/api/labels/export", false),
                new Endpoint("GET", "/api/cameras", false),
                new Endpoint("GET", "/api/map/pavilions", false),
                new Endpoint("GET", "/api/pavilions/{p}/history", false),
                new Endpoint("GET", "/api/pavilions/{p}/snapshot.jpg", false),
                new Endpoint("GET", "/api/pavilions/{p}/containers", false),
                new Endpoint("GET", "/api/carrier/pickups", false),
                new Endpoint("GET", "/api/carrier/pickups.csv", false),
                new Endpoint("GET", "/api/trends/fill-by-district", false),
                new Endpoint("GET", "/api/trends/fill-by-district.csv", false));
    }

    @BeforeEach
    void oneOpenIncident() {
        pavilion = pavilions.create("carrier-bad-input", 1);
        Instant t0 = Instant.parse("2026-11-25T07:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 90, FillState.FULL));
        }
        known = register.list(null, "carrier-bad-input", 10).get(0).registrationNumber();
    }

    @Test
    void everyEndpointAnswersBadInputWithA4xxProblemAndChangesNothing() throws Exception {
        // readings are written by their own thread: asking for a history waits for those queued
        history.of(pavilion.id(), "c1", Instant.EPOCH, Instant.now());
        Map<String, Long> before = counts();
        String incidentBefore = send("GET", "/api/incidents/" + known, null, null, false).body();
        List<Bad> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            cases.addAll(badRequests(e));
        }

        SoftAssertions soft = new SoftAssertions();
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        for (Bad bad : cases) {
            HttpResponse<String> r = send(bad.method(), bad.path(), bad.contentType(), bad.body(), bad.chunked());
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            String label = bad.what() + " " + bad.method() + " " + abbreviated(bad.path()) + " -> " + r.statusCode() + " " + abbreviated(r.body());
            soft.assertThat(r.statusCode()).as(label).isIn(bad.expected());
            soft.assertThat(r.headers().firstValue("Content-Type").orElse("")).as(label).startsWith("application/problem+json");
            JsonNode problem = parse(r.body());
            soft.assertThat(problem == null ? -1 : problem.path("status").asInt()).as(label + ": status in body").isEqualTo(r.statusCode());
            soft.assertThat(problem == null ? "" : problem.path("title").asString()).as(label + ": title").isNotBlank();
            soft.assertThat(r.body()).as(label + ": no internals").doesNotContain("Exception", "org.fillwatch", "java.",
                    "tools.jackson", "at [Source", "SELECT", "INSERT", "\tat ");
        }
        soft.assertAll();
        System.out.printf("ApiBadInputTest: %d endpoints, %d bad requests, answers by status %s%n",
                endpoints().size(), cases.size(), byStatus);

        assertThat(counts()).as("rows of " + TABLES).isEqualTo(before);
        assertThat(send("GET", "/api/incidents/" + known, null, null, false).body()).isEqualTo(incidentBefore);
    }

    private List<Bad> badRequests(Endpoint e) {
        List<Bad> out = new ArrayList<>();
        String path = e.path().replace("{no}", known).replace("{p}", pavilion.id()).replace("{c}", "c1")
                .replace("{name}", "opened-20261125T070000Z.jpg");
        Set<Integer> notFound = Set.of(404);
        if (e.path().contains("{no}")) {
            out.add(bad("unknown incident", e, e.path().replace("{no}", UNKNOWN).replace("{name}", "x.jpg"),
                    e.jsonBody() ? "{\"carrier\":\"carrier-bad-input\",\"by\":\"x\",\"comment\":\"y\"}" : null, notFound));
            out.add(bad("long id", e, e.path().replace("{no}", "9".repeat(2000)).replace("{name}", "x.jpg"),
                    e.jsonBody() ? "{\"carrier\":\"c\",\"comment\":\"y\"}" : null, Set.of(400, 404, 414)));
            out.add(bad("traversal id", e, e.path().replace("{no}", "..%2F..%2Fetc").replace("{name}", "passwd"),
                    e.jsonBody() ? "{\"carrier\":\"c\",\"comment\":\"y\"}" : null, Set.of(400, 404)));
        }
        if (e.path().contains("{name}")) {
            out.add(bad("unknown picture", e, path, null, notFound));
            out.add(bad("traversal name", e, path.replace("opened-20261125T070000Z.jpg", "..%2F..%2Fapplication.yml"),
                    null, Set.of(400, 404)));
        }
        if (e.path().contains("{p}")) {
            out.add(bad("unknown pavilion", e, e.path().replace("{p}", "no-such-site").replace("{c}", "c1"), null, notFound));
            if (e.path().contains("{c}")) {
                out.add(bad("unknown container", e, path.replace("/c1/", "/c99/"), null, notFound));
            }
        }
        if (e.jsonBody()) {
            Set<Integer> badRequest = Set.of(400);
            out.add(bad("malformed JSON", e, path, "{\"carrier\": \"carrier-bad-input\", \"by\":", badRequest));
            out.add(bad("not an object", e, path, "[1, 2, 3]", badRequest));
            out.add(bad("a bare string", e, path, "\"ack\"", badRequest));
            out.add(bad("wrong types", e, path, "{\"carrier\": {\"id\": 1}, \"by\": [true], \"comment\": {}, "
                    + "\"pavilion\": [], \"container\": {}, \"readingTime\": false, \"label\": 7}", badRequest));
            out.add(bad("JSON null", e, path, "null", badRequest));
            out.add(bad("empty body", e, path, "", badRequest));
            out.add(bad("missing fields", e, path, "{}", badRequest));
            out.add(bad("blank fields", e, path, "{\"carrier\":\" \",\"by\":\"\",\"comment\":\"  \",\"pavilion\":\"\","
                    + "\"container\":\"\",\"readingTime\":\"\",\"label\":\"\"}", badRequest));
            out.add(bad("not JSON", e, path, "carrier=carrier-bad-input", badRequest));
            out.add(new Bad("wrong media type", e.method(), path, "text/plain",
                    "{\"carrier\":\"carrier-bad-input\"}".getBytes(StandardCharsets.UTF_8), false, Set.of(415)));
            byte[] huge = ("{\"carrier\":\"carrier-bad-input\",\"comment\":\"" + "x".repeat(2_000_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            out.add(new Bad("huge body", e.method(), path, "application/json", huge, false, Set.of(413)));
            out.add(new Bad("huge chunked body", e.method(), path, "application/json", huge, true, Set.of(413)));
        } else {
            out.add(new Bad("body on GET ignored, bad parameter", e.method(), path + "?limit=abc&status=nonsense&pavilion=../x",
                    "application/json", "{".getBytes(StandardCharsets.UTF_8), false,
                    e.path().equals("/api/pavilions") || e.path().contains("{name}") || e.path().contains("/crop")
                            ? Set.of(404, 200) : Set.of(400, 404, 200)));
        }
        if (e.path().equals("/api/incidents")) {
            for (String q : List.of("limit=abc", "limit=0", "limit=-5", "limit=99999999999", "limit=1001", "status=lost",
                    "limit=1.5")) {
                out.add(bad("bad parameter " + q, e, path + "?" + q, null, Set.of(400)));
            }
        }
        if (e.path().startsWith("/api/carrier/pickups")) {
            // an unknown carrier is a filter that matches nothing (200, empty), not bad input
            for (String q : List.of("date=yesterday", "date=2026-13-45")) {
                out.add(bad("bad parameter " + q, e, path + "?" + q, null, Set.of(400, 404)));
            }
        }
        if (e.path().startsWith("/api/trends/")) {
            for (String q : List.of("from=abc", "from=2026-11-25&to=2026-11-01", "to=not-a-date")) {
                out.add(bad("bad period " + q, e, path + "?" + q, null, Set.of(400)));
            }
            out.add(bad("unknown trend", e, "/api/trends/no-such-trend", null, Set.of(404)));
        }
        if (e.path().equals("/api/labels/export")) {
            out.add(bad("bad pavilion", e, path + "?pavilion=..%2F..%2Fetc", null, Set.of(400)));
        }
        if (e.method().equals("GET")) {
            out.add(new Bad("wrong method", "DELETE", path, null, null, false, Set.of(405)));
        }
        return out.stream().filter(b -> !b.expected().contains(200)).toList();
    }

    private static Bad bad(String what, Endpoint e, String path, String body, Set<Integer> expected) {
        return new Bad(what, e.method(), path, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), false, expected);
    }

    /** Every API request of the test: the one place to add credentials once the API needs them. */
    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, boolean chunked)
            throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, publisher).header("Accept", "application/json, application/problem+json")
                // the administrator may call every endpoint: what is left to refuse is the input itself
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:admin-demo".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return counts;
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abbreviated(String s) {
        return s == null || s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }
}
