package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.fillwatch.testing.MosquittoProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The service's MQTT connection to a Mosquitto that takes only TLS (a CA made here, the server
 * certificate for 127.0.0.1) and only a known user: with the CA in the configured trust store and
 * the right password alerts go through; a wrong password or no TLS gets no connection, and the
 * password is never logged.
 */
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class MqttTlsIT {

    private static final String PASSWORD = "tls-broker-pw-4b1f";

    @Test
    void alertsGoThroughTlsWithUsernameAndPassword(@TempDir Path tmp, CapturedOutput output) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "mosquitto-it", "tls-" + UUID.randomUUID())).toAbsolutePath();
        Path truststore = makeCertificates(dir);
        run(dir, "mosquitto_passwd", "-b", "-c", dir.resolve("passwd").toString(), "fillwatch", PASSWORD);
        dir.resolve("passwd").toFile().setReadable(true, false);

        try (MosquittoProcess broker = MosquittoProcess.onFreePort()
                .secured(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("passwd"))
                .start()) {
            String url = "ssl://127.0.0.1:" + broker.port();
            MqttProperties.Tls tls = new MqttProperties.Tls(truststore, "trust-pw", null, null);
            try (CarrierMqtt mqtt = new CarrierMqtt(url, properties(url, PASSWORD, tls))) {
                assertThat(mqtt.isConnected()).as("connected over TLS with user and password").isTrue();
                List<String> received = new CopyOnWriteArrayList<>();
                mqtt.subscribe("fillwatch/tls-test", (t, p) -> received.add(new String(p, StandardCharsets.UTF_8)));
                Thread.sleep(300);
                mqtt.publish("fillwatch/tls-test", "hello over tls".getBytes(StandardCharsets.UTF_8));
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (received.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertThat(received).containsExactly("hello over tls");
            }
            try (CarrierMqtt wrong = new CarrierMqtt(url, properties(url, "not-" + PASSWORD, tls))) {
                assertThat(wrong.isConnected()).as("wrong password refused").isFalse();
            }
            String plainUrl = "tcp://127.0.0.1:" + broker.port();
            try (CarrierMqtt plain = new CarrierMqtt(plainUrl, properties(plainUrl, PASSWORD, tls))) {
                assertThat(plain.isConnected()).as("no TLS, no connection").isFalse();
            }
        }
        assertThat(output.getAll()).contains("not reachable yet").doesNotContain(PASSWORD).doesNotContain("trust-pw");
    }

    private static MqttProperties properties(String url, String password, MqttProperties.Tls tls) {
        return new MqttProperties(url, 0, "fillwatch-tls-" + UUID.randomUUID(), "fillwatch", password,
                Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofDays(1), tls);
    }

    /** A CA, a server certificate for IP 127.0.0.1 signed by it, and a PKCS12 trust store holding the CA. */
    private static Path makeCertificates(Path dir) throws Exception {
        String d = dir.toString();
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=fillwatch-test-ca",
                "-keyout", d + "/ca.key", "-out", d + "/ca.pem");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", d + "/server.key", "-out", d + "/server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(dir, "openssl", "x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", d + "/san.ext", "-out", d + "/server.pem");
        Path truststore = dir.resolve("truststore.p12");
        run(dir, "keytool", "-importcert", "-noprompt", "-alias", "fillwatch-test-ca", "-file", d + "/ca.pem",
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", "trust-pw");
        for (String f : List.of("ca.pem", "server.pem", "server.key")) {
            dir.resolve(f).toFile().setReadable(true, false); // mosquitto drops root to its own user
        }
        dir.toFile().setExecutable(true, false);
        return truststore;
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("commands.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as(String.join(" ", command) + ", see " + dir.resolve("commands.log")).isTrue();
    }
}
