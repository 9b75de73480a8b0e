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
        disconnect(client);
    }

    /**
     * Disconnects and closes. The broker closes the socket as soon as it reads DISCONNECT, and Paho
     * may see the closed socket before its own disconnect completes and report "Connection lost"
     * for a disconnect that did happen (eclipse-paho/paho.mqtt.java#1093): that one is not an error.
     */
    static void disconnect(MqttClient client) throws MqttException {
        try {
            client.disconnect(1000);
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST
                    && e.getReasonCode() != MqttException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                throw e;
            }
        } finally {
            client.close(true);
        }
    }
}
