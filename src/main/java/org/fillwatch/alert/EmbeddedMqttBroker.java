package org.fillwatch.alert;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT 3.1.1 broker (Moquette) on loopback, for installations without their own
 * broker. No persistence, no websocket, no telemetry.
 */
class EmbeddedMqttBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final Server server = new Server();
    private final int port;

    /** @param port 0 picks a free port (Moquette itself reports the configured port, not the bound one) */
    EmbeddedMqttBroker(int port) {
        this.port = port == 0 ? freePort() : port;
        Properties props = new Properties();
        props.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
        props.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(this.port));
        props.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        props.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        props.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        props.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        try {
            server.startServer(new MemoryConfig(props));
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded MQTT broker could not start on 127.0.0.1:" + this.port, e);
        }
        log.info("Embedded MQTT broker listening on 127.0.0.1:{}", this.port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded MQTT broker", e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
