package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service stopped the way Docker and systemd stop it (SIGTERM) while readings flow into the
 * default embedded database (the H2 file of application.yml, in the working directory). H2 closes
 * a database at JVM exit in a shutdown hook of its own, which the JVM runs beside Spring's: unless
 * the URL says otherwise, the readings still queued, and the alert outbox's own bookkeeping, met a
 * closed database while Spring was still stopping the service.
 */
class GracefulStopTest {

    @Test
    void readingsQueuedAtSigtermAreStoredInTheDefaultDatabase(@TempDir Path workDir) throws Exception {
        Path out = workDir.resolve("service.out");
        Process service = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"),
                StoppableService.class.getName(),
                "--fillwatch.cameras.enabled=false",
                "--fillwatch.vision.model-dir=" + Path.of("models/fill-level").toAbsolutePath(),
                "--fillwatch.mqtt.embedded-port=0",
                "--server.port=0"))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(out, StandardCharsets.UTF_8).contains("FEEDING")) {
                assertThat(service.isAlive()).as("service running, see %s", out).isTrue();
                assertThat(System.nanoTime()).as("service feeding readings within 120 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(500);
            service.destroy(); // SIGTERM
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        } finally {
            service.destroyForcibly();
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(log).as("the database outlived the service's stop")
                .doesNotContain("Database is already closed")
                .doesNotContain("readings not stored")
                .doesNotContain("Invocation of destroy method failed");
        Path db = workDir.resolve("data/fillwatch.mv.db");
        assertThat(db).exists();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data/fillwatch")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM fill_reading")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("readings stored").isGreaterThan(1000);
        }
    }
}
