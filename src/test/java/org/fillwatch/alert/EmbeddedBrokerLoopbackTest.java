package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded broker (no broker configured) answers on loopback only, never on the machine's other addresses. */
class EmbeddedBrokerLoopbackTest {

    @Test
    void listensOnLoopbackOnly() throws Exception {
        List<InetAddress> others = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(0)) {
            int port = Integer.parseInt(broker.url().substring(broker.url().lastIndexOf(':') + 1));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                assertThat(s.isConnected()).isTrue();
            }
            assumeFalse(others.isEmpty(), "this machine has no address but loopback");
            for (InetAddress address : others) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, port), 2000);
                    }
                }).as("port %d on %s", port, address).isInstanceOf(IOException.class);
            }
        }
    }
}
