package org.fillwatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A separate Paho publisher, as a carrier's system sending acknowledgements would run it. */
public final class MqttOut implements AutoCloseable {

    private final MqttClient client;

    public MqttOut(String url) throws MqttException {
        client = new MqttClient(url, "test-sender-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        client.connect(options);
    }

    public void send(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect(1000);
        client.close();
    }
}
