package org.fillwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service configured with a secret in every place one can be (stream passwords in the
 * URL's user info and query, the database, broker and InfluxDB passwords, a webhook key), then
 * made to fail everywhere it can: cameras refuse or answer 401, InfluxDB and the webhook are not
 * there, requests are bad. The console output from the start (DEBUG included), every API and actuator answer and every
 * error body is captured and searched: no secret appears. To add a secret (e.g. API tokens), add
 * it to {@link #SECRETS} and to the configuration below.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecretsNotLeakedTest {

    static final String STREAM_PW = "streamPw-9f4e1c";
    static final String STREAM_TOKEN = "streamTok-5a7d20";
    static final String DB_PW = "dbPw-c3b2a1";
    static final String MQTT_PW = "mqttPw-77e0d4";
    static final String INFLUX_PW = "influxPw-1d9e3b";
    static final String WEBHOOK_SECRET = "webhookSecret-0123456789ab";
    /** A carrier system's API token (the configuration holds only its SHA-256), and one that is not valid. */
    static final String API_TOKEN = "apiToken-4c8b1e77";
    static final String WRONG_TOKEN = "apiTokenWrong-0b61";
    static final String ADMIN_PW = "adminPw-e5a7c3";
    static final List<String> SECRETS = List.of(STREAM_PW, STREAM_TOKEN, DB_PW, MQTT_PW, INFLUX_PW, WEBHOOK_SECRET,
            API_TOKEN, WRONG_TOKEN, ADMIN_PW);

    static HttpServer snapshots;
    static Path configDir;
    static int closedPort;

    @Autowired ApplicationEventPublisher events;
    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void release() {
        snapshots.stop(0);
    }

    @DynamicPropertySource
    static void secretsEverywhere(DynamicPropertyRegistry registry) throws IOException {
        closedPort = closedPort();
        snapshots = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        snapshots.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        snapshots.start();
        configDir = Files.createTempDirectory("secrets-config");
        String loop = "127.0.0.1:";
        writePavilion("sec-rtsp", "rtsp://admin:" + STREAM_PW + "@" + loop + closedPort + "/stream1", "burst");
        writePavilion("sec-mjpeg", "http://viewer:" + STREAM_PW + "@" + loop + closedPort + "/video.mjpg?token=" + STREAM_TOKEN, "burst");
        writePavilion("sec-snap", "http://viewer:" + STREAM_PW + "@" + loop + snapshots.getAddress().getPort()
                + "/snap.jpg?password=" + STREAM_TOKEN, "snapshot");

        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:secrets-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "fw");
        registry.add("spring.datasource.password", () -> DB_PW);
        registry.add("fillwatch.cameras.config-dir", configDir::toString);
        registry.add("fillwatch.cameras.backoff-base", () -> "200ms");
        registry.add("fillwatch.cameras.backoff-max", () -> "1s");
        registry.add("fillwatch.mqtt.url", () -> "");
        registry.add("fillwatch.mqtt.embedded-port", () -> "0");
        registry.add("fillwatch.mqtt.username", () -> "fillwatch");
        registry.add("fillwatch.mqtt.password", () -> MQTT_PW);
        registry.add("fillwatch.timeseries.store", () -> "influxdb");
        registry.add("fillwatch.timeseries.influx.url", () -> "http://127.0.0.1:" + closedPort);
        registry.add("fillwatch.timeseries.influx.username", () -> "fillwatch");
        registry.add("fillwatch.timeseries.influx.password", () -> INFLUX_PW);
        registry.add("fillwatch.timeseries.influx.flush-interval", () -> "100ms");
        registry.add("fillwatch.timeseries.influx.buffer.spill-dir", () -> configDir.resolve("spill").toString());
        registry.add("fillwatch.webhooks.carriers.carrier-sec.url", () -> "http://127.0.0.1:" + closedPort + "/hook");
        registry.add("fillwatch.webhooks.carriers.carrier-sec.secret", () -> WEBHOOK_SECRET);
        registry.add("fillwatch.webhooks.attempts", () -> "1");
        registry.add("fillwatch.evidence.dir", () -> configDir.resolve("evidence").toString());
        registry.add("management.endpoints.web.exposure.include", () -> "*");
        registry.add("fillwatch.security.users[0].name", () -> "admin");
        registry.add("fillwatch.security.users[0].role", () -> "ADMIN");
        registry.add("fillwatch.security.users[0].password", () -> "{bcrypt}"
                + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(ADMIN_PW));
        registry.add("fillwatch.security.tokens[0].name", () -> "carrier-sec-dispatch");
        registry.add("fillwatch.security.tokens[0].role", () -> "CARRIER");
        registry.add("fillwatch.security.tokens[0].carrier", () -> "carrier-sec");
        registry.add("fillwatch.security.tokens[0].token-hash", () -> sha256(API_TOKEN));
        // the console is what is captured: everything of ours, DEBUG included
        registry.add("logging.level.org.fillwatch", () -> "DEBUG");
    }

    @Test
    void noSecretInLogsAnswersActuatorOrErrors(CapturedOutput output) throws Exception {
        // every camera fails (refused, 401) and an incident goes to an unreachable webhook
        List<String> answers = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String pavilions;
        do {
            Thread.sleep(300);
            pavilions = get("/api/pavilions");
        } while (count(pavilions, "\"OFFLINE\"") < 3 && System.nanoTime() < end);
        assertThat(count(pavilions, "\"OFFLINE\"")).as(pavilions).isEqualTo(3);
        assertThat(pavilions).contains("HTTP 401").contains("***");

        Instant t0 = Instant.parse("2026-11-25T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(new FrameAnalysed("sec-snap", t0.plusSeconds(60L * i), "test",
                    List.of(new ContainerEstimate("c1", 95, FillState.FULL, 0.9, 0))));
        }
        end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!output.getAll().contains("ebhook") && System.nanoTime() < end) {
            Thread.sleep(200);
        }

        answers.add(pavilions);
        answers.add(get("/api/incidents"));
        answers.add(get("/api/incidents/2026-000001"));
        answers.add(get("/api/incidents/2026-000001/history"));
        answers.add(post("/api/incidents/2026-000001/ack", "{\"carrier\":\"other-carrier\"}"));
        answers.add(post("/api/labels", "{\"pavilion\":"));
        answers.add(bearer(API_TOKEN, "/api/incidents"));
        answers.add(bearer(API_TOKEN, "/api/trends/escalations"));
        answers.add(bearer(WRONG_TOKEN, "/api/incidents"));
        answers.add(http.send(HttpRequest.newBuilder(uri("/api/incidents")).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(("admin:" + WRONG_TOKEN).getBytes())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String actuator = get("/actuator");
        answers.add(actuator);
        Matcher links = Pattern.compile("\"href\":\"http://[^/]+(/actuator/[a-zA-Z0-9-]+)\"").matcher(actuator);
        List<String> endpoints = new ArrayList<>();
        while (links.find()) {
            endpoints.add(links.group(1));
        }
        assertThat(endpoints).contains("/actuator/health", "/actuator/env", "/actuator/configprops");
        for (String endpoint : endpoints) {
            answers.add(get(endpoint));
        }
        answers.add(get("/actuator/env/fillwatch.mqtt.password"));
        answers.add(get("/actuator/env/spring.datasource.password"));

        String logs = output.getAll();
        String all = logs + "\n" + String.join("\n", answers);
        assertThat(logs).as("the failures were logged").contains("sec-rtsp").contains("sec-snap");
        assertThat(all).contains("influx").contains("carrier-sec");
        List<String> found = new ArrayList<>();
        for (String secret : SECRETS) {
            for (int i = all.indexOf(secret); i >= 0; i = all.indexOf(secret, i + 1)) {
                found.add(secret + " in ..." + all.substring(Math.max(0, i - 150), Math.min(all.length(), i + 40))
                        .replace('\n', ' ') + "...");
            }
        }
        assertThat(found).as("secrets found").isEmpty();
        System.out.printf("SecretsNotLeakedTest: %d secrets, %d log lines (%d chars), %d answers from %d actuator "
                + "endpoints and the API (%d chars): none found%n", SECRETS.size(), logs.split("\n").length, logs.length(),
                answers.size(), endpoints.size(), all.length() - logs.length());
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private String post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Every request of the test, signed in as the administrator, who may see the most. */
    private String send(HttpRequest.Builder request) throws Exception {
        request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("admin:" + ADMIN_PW).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.headers().map() + " " + r.body();
    }

    private String bearer(String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.headers().map() + " " + r.body();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void writePavilion(String id, String url, String mode) throws IOException {
        Files.writeString(configDir.resolve(id + ".yaml"), """
                id: %s
                name: "Secret test"
                address: "Test St. 1"
                district: Centre
                location: {latitude: 54.87, longitude: 69.14}
                carrier: carrier-sec
                camera:
                  url: "%s"
                  mode: %s
                  interval: 1s
                containers:
                  - id: c1
                    type: bin
                    polygon: [[0.1, 0.1], [0.4, 0.1], [0.4, 0.5], [0.1, 0.5]]
                """.formatted(id, url, mode));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
