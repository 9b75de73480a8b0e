package org.fillwatch.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A separate Paho subscriber, as a carrier would run it. */
public final class MqttInbox implements AutoCloseable {

    public record Message(String topic, String payload) {
    }

    private final MqttClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private volatile Throwable lost;

    public MqttInbox(String url, String topicFilter) throws MqttException {
        this(url, topicFilter, "test-carrier-" + UUID.randomUUID(), true);
    }

    /**
     * With cleanSession false and a fixed client id the broker keeps the subscription and queues
     * QoS 1 messages while this carrier is away; they arrive when it connects again with the same id.
     */
    public MqttInbox(String url, String topicFilter, String clientId, boolean cleanSession) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setMaxInflight(1000);
        options.setConnectionTimeout(5);
        // the callback before connecting: a persistent session's queued messages arrive right after
        // CONNECT, before subscribe() returns, and Paho drops messages that find no handler
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Message(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        connectAndSubscribe(options, topicFilter);
    }

    /**
     * One more try when the broker drops the connection while the subscriber is still setting up:
     * nothing is published to it before this constructor returns, so nothing can be missed.
     */
    private void connectAndSubscribe(MqttConnectOptions options, String topicFilter) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.connect(options);
                client.subscribe(topicFilter, 1);
                return;
            } catch (MqttException e) {
                if (attempt == 2 || e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                    throw e;
                }
                if (client.isConnected()) {
                    client.disconnectForcibly(0, 1000);
                }
            }
        }
    }

    /**
     * The first message received whose payload contains the text, taken out of the inbox, or null
     * when none arrives in time. Other messages stay: alerts published by different threads may
     * arrive in either order.
     */
    public Message await(String containing, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Message m : received) {
                if (m.payload().contains(containing) && received.remove(m)) {
                    return m;
                }
            }
            if (System.nanoTime() >= deadline) {
                if (lost != null) {
                    throw new IllegalStateException("the subscriber lost its connection to the broker", lost);
                }
                return null;
            }
            Thread.sleep(20);
        }
    }

    /** Everything received and not yet taken. */
    public java.util.List<Message> drain() {
        java.util.List<Message> all = new java.util.ArrayList<>();
        received.drainTo(all);
        return all;
    }

    @Override
    public void close() throws MqttException {
        MqttOut.disconnect(client);
    }
}
