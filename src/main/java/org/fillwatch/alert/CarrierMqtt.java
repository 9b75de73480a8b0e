package org.fillwatch.alert;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paho connection to the broker. A broker that is down at start-up does not stop the service:
 * every publish first (re)connects, and a failed publish throws so the caller can retry later.
 */
class CarrierMqtt implements AutoCloseable {

    static final int QOS = 1;

    private static final Logger log = LoggerFactory.getLogger(CarrierMqtt.class);

    private final String url;
    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();

    CarrierMqtt(String url, MqttProperties properties) {
        this.url = url;
        try {
            client = new MqttClient(url, properties.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("fillwatch.mqtt.url: cannot use " + url + ": " + e.getMessage(), e);
        }
        client.setTimeToWait(properties.publishTimeout().toMillis());
        options.setAutomaticReconnect(true);
        options.setCleanSession(false);
        options.setConnectionTimeout((int) Math.max(1, properties.connectTimeout().toSeconds()));
        options.setKeepAliveInterval(30);
        if (properties.username() != null && !properties.username().isBlank()) {
            options.setUserName(properties.username());
            options.setPassword(properties.password() == null ? new char[0] : properties.password().toCharArray());
        }
        try {
            connect();
        } catch (MqttException e) {
            log.warn("MQTT broker {} not reachable yet ({}); alerts wait in the outbox", url, e.getMessage());
        }
    }

    /** Publishes with QoS 1 and returns once the broker acknowledged it. */
    void publish(String topic, byte[] payload) throws MqttException {
        connect();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        client.publish(topic, message);
    }

    private synchronized void connect() throws MqttException {
        if (!client.isConnected()) {
            client.connect(options);
            log.info("Connected to MQTT broker {}", url);
        }
    }

    boolean isConnected() {
        return client.isConnected();
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } finally {
            client.close(true);
        }
    }
}
