package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox: with the broker unreachable the incident still commits and its alert waits in the
 * event publication registry; once a real Mosquitto listens on that port, the periodic
 * resubmission delivers it.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:fillwatch-outbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "fillwatch.timeseries.store=embedded",
        "fillwatch.cameras.enabled=false",
        "fillwatch.mqtt.resubmit-interval=1s",
        "fillwatch.mqtt.connect-timeout=2s",
        "fillwatch.mqtt.client-id=fillwatch-outbox-${random.uuid}",
        // deadlines are checked by the tests themselves, at the times they choose
        "fillwatch.incidents.escalation-check=1d"})
@Import(TestPavilions.Config.class)
class OutboxIT {

    private static final int PORT = freePort();

    @DynamicPropertySource
    static void closedBroker(DynamicPropertyRegistry registry) {
        registry.add("fillwatch.mqtt.url", () -> "tcp://127.0.0.1:" + PORT);
    }

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;
    @Autowired JdbcClient jdbc;

    @Test
    void alertWaitsForTheBrokerAndIsDeliveredWhenItComesBack() throws Exception {
        assertThat(accepts(PORT)).as("nothing may listen on the test port yet").isFalse();
        Pavilion pavilion = pavilions.create("carrier-outbox", 1);
        Instant t0 = Instant.parse("2026-11-25T04:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 92, FillState.FULL));
        }

        // committed although the broker is down
        Incident incident = register.list(IncidentStatus.OPEN, "carrier-outbox", 5).get(0);
        Thread.sleep(2500); // first attempt and at least one resubmission fail meanwhile
        assertThat(incompleteFor(incident)).isEqualTo(1);

        Process mosquitto = startMosquitto();
        try (MqttInbox inbox = new MqttInbox("tcp://127.0.0.1:" + PORT, "fillwatch/carriers/carrier-outbox/incidents")) {
            MqttInbox.Message message = inbox.await(incident.registrationNumber(), Duration.ofSeconds(20));
            assertThat(message).as("alert delivered after the broker came back").isNotNull();
            assertThat(message.payload()).contains("\"eventType\":\"opened\"");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (incompleteFor(incident) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(incompleteFor(incident)).isZero();
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private long incompleteFor(Incident incident) {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
                .param("%" + incident.registrationNumber() + "%").query(Long.class).single();
    }

    private static Process startMosquitto() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "outbox-it"));
        Path conf = dir.resolve("mosquitto-" + PORT + ".conf");
        Files.writeString(conf, "listener " + PORT + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        conf.toFile().setReadable(true, false);
        Process process = new ProcessBuilder(ItServers.mosquittoCommand(), "-c", conf.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto-" + PORT + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(PORT)) {
            assertThat(process.isAlive()).as("mosquitto running, see target/outbox-it").isTrue();
            assertThat(System.nanoTime()).as("mosquitto listening on " + PORT).isLessThan(deadline);
            Thread.sleep(50);
        }
        return process;
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
