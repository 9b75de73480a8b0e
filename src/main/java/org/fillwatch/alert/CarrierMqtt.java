package org.fillwatch.alert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paho connection to the broker. A broker that is down at start-up does not stop the service:
 * every publish first (re)connects, and a failed publish throws so the caller can retry later.
 * Announces the service on {@value #AVAILABILITY}: "online" (retained) on every connect, "offline"
 * as the last will (the broker publishes it when the connection dies) and on a clean shutdown.
 */
class CarrierMqtt implements AutoCloseable {

    static final int QOS = 1;
    static final String AVAILABILITY = "fillwatch/availability";
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    private static final int MAX_UNCLAIMED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(CarrierMqtt.class);

    private final String url;
    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final Map<String, BiConsumer<String, byte[]>> subscriptions = new ConcurrentHashMap<>();
    /**
     * Messages of the persistent session that arrived before their handler was registered (the
     * broker sends queued ones right after CONNECT); handed over by {@link #subscribe}.
     */
    private final List<MqttMessage> unclaimed = new ArrayList<>();
    private final List<String> unclaimedTopics = new ArrayList<>();
    /** Blocking calls (publish, subscribe) must not run on Paho's callback thread. */
    private final ExecutorService announcer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mqtt-announcer");
        t.setDaemon(true);
        return t;
    });

    CarrierMqtt(String url, MqttProperties properties) {
        this.url = url;
        try {
            client = new MqttClient(url, properties.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("fillwatch.mqtt.url: cannot use " + url + ": " + e.getMessage(), e);
        }
        client.setTimeToWait(properties.publishTimeout().toMillis());
        client.setCallback(new Callback());
        options.setAutomaticReconnect(true);
        options.setCleanSession(false);
        options.setConnectionTimeout((int) Math.max(1, properties.connectTimeout().toSeconds()));
        options.setKeepAliveInterval(30);
        // after an outage the outbox resubmits many alerts at once; Paho's default allows only 10 in flight
        options.setMaxInflight(1000);
        options.setWill(AVAILABILITY, OFFLINE.getBytes(StandardCharsets.UTF_8), QOS, true);
        if (!properties.tls().sslProperties().isEmpty()) {
            options.setSSLProperties(properties.tls().sslProperties());
        }
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
        publish(topic, payload, false);
    }

    void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        connect();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    /** Subscribes now if connected, and again after every (re)connect; the handler must not throw. */
    void subscribe(String topicFilter, BiConsumer<String, byte[]> handler) {
        List<String> topics = new ArrayList<>();
        List<MqttMessage> messages = new ArrayList<>();
        synchronized (unclaimed) {
            subscriptions.put(topicFilter, handler);
            for (int i = unclaimed.size() - 1; i >= 0; i--) {
                if (MqttTopic.isMatched(topicFilter, unclaimedTopics.get(i))) {
                    topics.add(0, unclaimedTopics.remove(i));
                    messages.add(0, unclaimed.remove(i));
                }
            }
        }
        for (int i = 0; i < topics.size(); i++) {
            handler.accept(topics.get(i), messages.get(i).getPayload());
        }
        if (client.isConnected()) {
            announcer.execute(this::announce);
        }
    }

    /** Hands the message to the handlers of matching subscriptions, or keeps it until one is registered. */
    private void dispatch(String topic, MqttMessage message) {
        List<BiConsumer<String, byte[]>> handlers = new ArrayList<>();
        synchronized (unclaimed) {
            subscriptions.forEach((filter, handler) -> {
                if (MqttTopic.isMatched(filter, topic)) {
                    handlers.add(handler);
                }
            });
            if (handlers.isEmpty()) {
                if (unclaimed.size() < MAX_UNCLAIMED) {
                    unclaimed.add(message);
                    unclaimedTopics.add(topic);
                } else {
                    log.warn("Message on {} dropped: no handler and {} already waiting", topic, MAX_UNCLAIMED);
                }
                return;
            }
        }
        handlers.forEach(h -> h.accept(topic, message.getPayload()));
    }

    private synchronized void connect() throws MqttException {
        if (!client.isConnected()) {
            client.connect(options);
            log.info("Connected to MQTT broker {}", url);
        }
    }

    private void announce() {
        try {
            publish(AVAILABILITY, ONLINE.getBytes(StandardCharsets.UTF_8), true);
            for (String filter : subscriptions.keySet()) {
                client.subscribe(filter, QOS);
            }
        } catch (MqttException e) {
            log.warn("Could not announce on / subscribe at {}: {}", url, e.getMessage());
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
        announcer.shutdownNow();
        try {
            if (client.isConnected()) {
                try {
                    publish(AVAILABILITY, OFFLINE.getBytes(StandardCharsets.UTF_8), true);
                } catch (MqttException e) {
                    log.debug("Could not say offline: {}", e.getMessage());
                }
                disconnect();
            }
        } finally {
            client.close(true);
        }
    }

    /**
     * The broker closes the socket as soon as it reads DISCONNECT; Paho may see that before its own
     * disconnect completes and report "Connection lost" for a disconnect that did happen.
     */
    private void disconnect() throws MqttException {
        try {
            client.disconnect(1000);
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                throw e;
            }
            log.debug("Broker closed the connection while we disconnected: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            announcer.execute(CarrierMqtt.this::announce);
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.warn("Lost the MQTT broker {}: {}", url, cause == null ? "" : cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // an exception here would make Paho drop the connection: handlers never throw, and this guards it
            try {
                dispatch(topic, message);
            } catch (RuntimeException e) {
                log.error("Message on {} could not be handled", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
