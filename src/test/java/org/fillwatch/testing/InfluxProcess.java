package org.fillwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An influxd of the test's own on a free loopback port and its own data folder, so that a test can
 * stop "InfluxDB" and start it again on the same data without touching the shared server.
 */
public final class InfluxProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    private InfluxProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public static InfluxProcess onFreePort() throws IOException {
        int port = freePort();
        return new InfluxProcess(port, Files.createDirectories(Path.of("target", "influx-it", "influx-" + port)).toAbsolutePath());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public InfluxProcess start() throws Exception {
        Path conf = dir.resolve("influxdb.conf");
        Files.writeString(conf, "reporting-disabled = true\n"
                + "bind-address = \"127.0.0.1:" + freePort() + "\"\n"
                + "[meta]\n  dir = \"" + dir.resolve("meta") + "\"\n"
                + "[data]\n  dir = \"" + dir.resolve("data") + "\"\n  wal-dir = \"" + dir.resolve("wal") + "\"\n"
                + "  query-log-enabled = false\n"
                + "[http]\n  enabled = true\n  bind-address = \"127.0.0.1:" + port + "\"\n  log-enabled = false\n"
                + "[monitor]\n  store-enabled = false\n");
        process = new ProcessBuilder(influxd(), "run", "-config", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ready()) {
            assertThat(process.isAlive()).as("influxd running, see " + dir.resolve("influxd.log")).isTrue();
            assertThat(System.nanoTime()).as("influxd answering on " + port).isLessThan(deadline);
            Thread.sleep(50);
        }
        return this;
    }

    /** Stops the server as an operator would (SIGTERM), keeping its data for the next start. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    public boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            return c.getResponseCode() == 204;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static String influxd() {
        String configured = System.getProperty("fillwatch.it.influxd");
        return configured == null || configured.isBlank() ? "influxd" : configured;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
