package org.fillwatch.alert;

import java.util.concurrent.atomic.AtomicLong;
import org.fillwatch.incident.IncidentDesk;
import org.fillwatch.incident.IncidentRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acknowledgements that carriers publish on {@code fillwatch/carriers/{carrier}/acks}, JSON
 * {@code {"registrationNumber":"2026-000123","by":"crew 7"}}. The carrier is the topic's; an ack of
 * another carrier's incident is refused. Malformed, unknown or refused acks are logged and counted,
 * never thrown: they must not take the connection down.
 */
class CarrierAcks {

    static final String TOPIC_FILTER = "fillwatch/carriers/+/acks";

    private static final Logger log = LoggerFactory.getLogger(CarrierAcks.class);

    private final IncidentDesk desk;
    private final JsonMapper json;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    CarrierAcks(IncidentDesk desk, JsonMapper json) {
        this.desk = desk;
        this.json = json;
    }

    void handle(String topic, byte[] payload) {
        String[] levels = topic.split("/");
        String carrier = levels.length == 4 ? levels[2] : null;
        try {
            JsonNode ack = json.readTree(payload);
            String number = ack.path("registrationNumber").isString() ? ack.path("registrationNumber").asString() : null;
            if (carrier == null || number == null || number.isBlank()) {
                ignore(topic, "no registrationNumber in " + abbreviate(payload));
                return;
            }
            String by = ack.path("by").isString() ? ack.path("by").asString() : null;
            desk.acknowledge(number.trim(), carrier, by);
            accepted.incrementAndGet();
        } catch (JacksonException e) {
            ignore(topic, "not JSON: " + abbreviate(payload));
        } catch (IncidentRefused e) {
            ignore(topic, e.getMessage());
        } catch (RuntimeException e) {
            ignored.incrementAndGet();
            log.error("Ack on {} failed", topic, e);
        }
    }

    private void ignore(String topic, String why) {
        ignored.incrementAndGet();
        log.warn("Ack on {} ignored: {}", topic, why);
    }

    long accepted() {
        return accepted.get();
    }

    long ignored() {
        return ignored.get();
    }

    private static String abbreviate(byte[] payload) {
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
