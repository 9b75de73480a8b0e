package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fillwatch.testing.FreshPostgresDatabase;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MosquittoProcess;
import org.fillwatch.testing.MqttInbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service process is killed with SIGKILL after the incident committed and before its alert was
 * published (the broker is down, so the publication is surely pending). After a restart, with the
 * broker up, the alert is delivered with the event id that was committed with the incident. Killed
 * once more, the broker publishes the service's last will "offline" on fillwatch/availability.
 */
class SigkillIT {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void alertCommittedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        String carrier = "carrier-kill-" + ItServers.RUN;
        MosquittoProcess broker = MosquittoProcess.onFreePort();
        try (FreshPostgresDatabase database = new FreshPostgresDatabase()) {
            Process first = service(database, broker, "raise", carrier);
            String number;
            try {
                number = awaitLine(first, "COMMITTED ", Duration.ofSeconds(120));
                assertThat(number).as("incident committed, see target/sigkill-it").matches("2026-\\d{6}");
                JsonNode pending = pendingEvent(database, number);
                assertThat(pending).as("its alert waits in the outbox").isNotNull();

                first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no goodbye
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(first.exitValue()).as("killed by signal 9").isEqualTo(137);
                assertThat(pendingEvent(database, number)).as("still pending after the kill").isNotNull();

                broker.start();
                try (MqttInbox inbox = new MqttInbox(broker.url(), "fillwatch/carriers/" + carrier + "/incidents")) {
                    Process second = service(database, broker, "resume");
                    try {
                        MqttInbox.Message message = inbox.await(number, Duration.ofSeconds(120));
                        assertThat(message).as("alert delivered after the restart").isNotNull();
                        JsonNode delivered = json.readTree(message.payload());
                        assertThat(delivered.path("eventType").asString()).isEqualTo("opened");
                        assertThat(delivered.path("eventId").asString())
                                .isEqualTo(pending.path("eventId").asString());
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                        while (pendingEvent(database, number) != null && System.nanoTime() < deadline) {
                            Thread.sleep(100);
                        }
                        assertThat(pendingEvent(database, number)).as("publication completed").isNull();

                        // the last will: killed again, the broker tells everyone the service is offline
                        try (MqttInbox availability = new MqttInbox(broker.url(), "fillwatch/availability")) {
                            assertThat(availability.await("online", Duration.ofSeconds(10))).isNotNull();
                            second.destroyForcibly();
                            MqttInbox.Message will = availability.await("offline", Duration.ofSeconds(30));
                            assertThat(will).as("last will published by the broker").isNotNull();
                        }
                    } finally {
                        second.destroy();
                        second.waitFor(30, TimeUnit.SECONDS);
                    }
                }
            } finally {
                first.destroyForcibly();
                broker.close();
            }
        }
    }

    /** The serialized IncidentOpened of the incident while its publication is incomplete, else null. */
    private JsonNode pendingEvent(FreshPostgresDatabase database, String number) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), ItServers.postgresUser(),
                ItServers.postgresPassword());
             PreparedStatement s = c.prepareStatement("SELECT serialized_event FROM event_publication "
                     + "WHERE completion_date IS NULL AND event_type LIKE '%IncidentOpened' AND serialized_event LIKE ?")) {
            s.setString(1, "%" + number + "%");
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? json.readTree(rs.getString(1)) : null;
            }
        }
    }

    private static Process service(FreshPostgresDatabase database, MosquittoProcess broker, String... args)
            throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "sigkill-it"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"),
                KillableService.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + ItServers.postgresUser(),
                "--spring.datasource.password=" + ItServers.postgresPassword(),
                "--fillwatch.mqtt.url=" + broker.url(),
                "--fillwatch.mqtt.client-id=fillwatch-sigkill-" + ItServers.RUN,
                "--fillwatch.mqtt.connect-timeout=2s",
                "--fillwatch.mqtt.resubmit-interval=1h",
                "--fillwatch.incidents.escalation-check=1d",
                "--fillwatch.timeseries.store=embedded",
                "--fillwatch.cameras.enabled=false",
                "--server.port=0"));
        Path out = dir.resolve("service-" + args[0] + ".out");
        Files.deleteIfExists(out);
        // to a file: a pipe nobody reads would block the child once full
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** The rest of the first line of the service's output file that starts with the prefix. */
    private static String awaitLine(Process process, String prefix, Duration timeout) throws Exception {
        Path out = Path.of("target", "sigkill-it", "service-raise.out");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
            Thread.sleep(100);
        }
        return "";
    }
}
