package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.MqttOut;
import org.junit.jupiter.api.Test;

/**
 * The service's MQTT connection on an in-process broker: acks that waited in the service's
 * persistent session while it was down reach their handler although the broker sends them before
 * the handler is registered; "online" is retained on connect and "offline" on a clean close.
 */
class CarrierMqttTest {

    @Test
    void acksQueuedWhileTheServiceWasAwayAreHandedToTheHandlerRegisteredLater() throws Exception {
        String clientId = "fillwatch-" + UUID.randomUUID();
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(0)) {
            MqttProperties properties = new MqttProperties(broker.url(), 0, clientId, null, null, Duration.ofSeconds(2),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofDays(1));
            try (CarrierMqtt first = new CarrierMqtt(broker.url(), properties)) {
                first.subscribe(CarrierAcks.TOPIC_FILTER, (t, p) -> { });
                Thread.sleep(500); // the subscription is made on the announcer thread
            }
            try (MqttOut carrier = new MqttOut(broker.url())) {
                carrier.send("fillwatch/carriers/carrier-a/acks", "{\"registrationNumber\":\"2026-000001\"}");
                carrier.send("fillwatch/carriers/carrier-b/acks", "{\"registrationNumber\":\"2026-000002\"}");
            }
            List<String> handled = new CopyOnWriteArrayList<>();
            try (CarrierMqtt second = new CarrierMqtt(broker.url(), properties)) {
                Thread.sleep(500); // queued messages arrive right after CONNECT, no handler yet
                second.subscribe(CarrierAcks.TOPIC_FILTER,
                        (topic, payload) -> handled.add(topic + " " + new String(payload, StandardCharsets.UTF_8)));
                assertThat(handled).containsExactly(
                        "fillwatch/carriers/carrier-a/acks {\"registrationNumber\":\"2026-000001\"}",
                        "fillwatch/carriers/carrier-b/acks {\"registrationNumber\":\"2026-000002\"}");
                try (MqttInbox availability = new MqttInbox(broker.url(), CarrierMqtt.AVAILABILITY)) {
                    assertThat(availability.await(CarrierMqtt.ONLINE, Duration.ofSeconds(5))).isNotNull();
                }
            }
            try (MqttInbox availability = new MqttInbox(broker.url(), CarrierMqtt.AVAILABILITY)) {
                assertThat(availability.await(CarrierMqtt.OFFLINE, Duration.ofSeconds(5)))
                        .as("offline retained after a clean close").isNotNull();
            }
        }
    }
}
