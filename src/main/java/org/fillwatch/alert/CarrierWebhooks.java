package org.fillwatch.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentClosed;
import org.fillwatch.incident.IncidentEscalated;
import org.fillwatch.incident.IncidentOpened;
import org.fillwatch.incident.IncidentUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs every incident event, the same JSON as on MQTT, to the carrier's webhook when it has one.
 * Headers: {@code X-FillWatch-Event-Id}, {@code X-FillWatch-Signature: sha256=<hex HMAC-SHA256 of
 * the body with the carrier's secret>}. A delivery is tried a few times with doubling waits; if all
 * fail it throws, which leaves it in the outbox for the periodic resubmission (a listener of its
 * own: MQTT and webhook deliveries are retried independently).
 */
class CarrierWebhooks {

    static final String SIGNATURE = "X-FillWatch-Signature";
    static final String EVENT_ID = "X-FillWatch-Event-Id";

    private static final Logger log = LoggerFactory.getLogger(CarrierWebhooks.class);

    /** A delivery that failed every try; already logged. */
    static final class WebhookFailed extends IOException {
        WebhookFailed(String message) {
            super(message);
        }
    }

    private final WebhookProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    CarrierWebhooks(WebhookProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    @ApplicationModuleListener
    void on(IncidentOpened event) throws IOException, InterruptedException {
        post(event.eventId(), AlertPayload.OPENED, event.incident());
    }

    @ApplicationModuleListener
    void on(IncidentUpdated event) throws IOException, InterruptedException {
        post(event.eventId(), AlertPayload.UPDATED, event.incident());
    }

    @ApplicationModuleListener
    void on(IncidentEscalated event) throws IOException, InterruptedException {
        post(event.eventId(), AlertPayload.ESCALATED, event.incident());
    }

    @ApplicationModuleListener
    void on(IncidentClosed event) throws IOException, InterruptedException {
        post(event.eventId(), AlertPayload.CLOSED, event.incident());
    }

    private void post(String eventId, String eventType, Incident incident) throws IOException, InterruptedException {
        WebhookProperties.Hook hook = properties.carriers().get(incident.carrierId());
        if (hook == null) {
            return;
        }
        byte[] body = json.writeValueAsBytes(AlertPayload.of(eventId, eventType, incident));
        HttpRequest request = HttpRequest.newBuilder(hook.url())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header(EVENT_ID, eventId)
                .header(SIGNATURE, "sha256=" + sign(hook.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String last = "";
        long wait = properties.backoff().toMillis();
        for (int attempt = 1; attempt <= Math.max(1, properties.attempts()); attempt++) {
            if (attempt > 1) {
                Thread.sleep(wait);
                wait *= 2;
            }
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    log.info("Alert {} {} posted to {}'s webhook", incident.registrationNumber(), eventType,
                            incident.carrierId());
                    return;
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            }
        }
        log.warn("Alert {} {} not delivered to {}'s webhook ({}); it stays in the outbox",
                incident.registrationNumber(), eventType, incident.carrierId(), last);
        throw new WebhookFailed(last);
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
