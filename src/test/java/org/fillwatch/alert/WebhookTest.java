package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A carrier's webhook on loopback gets each incident event with a valid HMAC signature and the
 * event id; a failing first answer is retried with backoff.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:fillwatch-webhook;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "fillwatch.mqtt.url=",
        "fillwatch.mqtt.embedded-port=0",
        "fillwatch.timeseries.store=embedded",
        "fillwatch.cameras.enabled=false",
        "fillwatch.incidents.escalation-check=1d",
        "fillwatch.webhooks.backoff=100ms",
        "fillwatch.webhooks.carriers.carrier-hook.secret=" + WebhookTest.SECRET})
@Import(TestPavilions.Config.class)
// its own context, closed after the class rather than kept in the cache until the JVM ends
@DirtiesContext
class WebhookTest {

    static final String SECRET = "s3cret-key-of-carrier-hook";

    record Received(String eventId, String signature, String body) {
    }

    private static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final HttpServer SERVER = server();

    @DynamicPropertySource
    static void hook(DynamicPropertyRegistry registry) {
        registry.add("fillwatch.webhooks.carriers.carrier-hook.url",
                () -> "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/fillwatch");
    }

    @AfterAll
    static void stop() {
        SERVER.stop(0);
    }

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;

    @Test
    void signedEventsArePostedAndAFailedTryIsRetried() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-hook", 1);
        Instant t0 = Instant.parse("2026-11-25T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 90, FillState.FULL));
        }
        Received received = RECEIVED.poll(15, TimeUnit.SECONDS);
        assertThat(received).as("webhook called").isNotNull();
        assertThat(CALLS.get()).as("first answer 503, retried").isGreaterThanOrEqualTo(2);
        assertThat(received.signature()).isEqualTo("sha256="
                + CarrierWebhooks.sign(SECRET, received.body().getBytes(StandardCharsets.UTF_8)));
        JsonNode payload = JsonMapper.builder().build().readTree(received.body());
        assertThat(payload.path("eventType").asString()).isEqualTo("opened");
        assertThat(payload.path("eventId").asString()).isEqualTo(received.eventId());
        assertThat(payload.path("pavilion").asString()).isEqualTo(pavilion.id());
        assertThat(CarrierWebhooks.sign("another-secret-entirely", received.body().getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(received.signature().substring(7));
    }

    @Test
    void unsafeWebhookSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new WebhookProperties(Map.of("c1", new WebhookProperties.Hook(
                URI.create("http://carrier.example/hook"), SECRET)), Duration.ofSeconds(1), 1, Duration.ofSeconds(1)))
                .hasMessageContaining("fillwatch.webhooks.carriers.c1.url").hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookProperties(Map.of("c2", new WebhookProperties.Hook(
                URI.create("https://carrier.example/hook"), "short")), Duration.ofSeconds(1), 1, Duration.ofSeconds(1)))
                .hasMessageContaining("fillwatch.webhooks.carriers.c2.secret");
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/fillwatch", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = CALLS.incrementAndGet() == 1 ? 503 : 204;
                if (status == 204) {
                    RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst(CarrierWebhooks.EVENT_ID),
                            exchange.getRequestHeaders().getFirst(CarrierWebhooks.SIGNATURE),
                            new String(body, StandardCharsets.UTF_8)));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
