package org.fillwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the test's own on a free loopback port, so the test can stop and start "the
 * broker" without touching the shared one. Not persistent unless asked: a restart then forgets
 * sessions and retained messages, like a broker that lost its disk.
 */
public final class MosquittoProcess implements AutoCloseable {

    private final int port;
    private boolean persistent;
    /** Replaces "allow_anonymous true" when set: TLS and password settings of the listener. */
    private String security;
    private Process process;

    private MosquittoProcess(int port) {
        this.port = port;
    }

    /** Reserves a port that nothing listens on; {@link #start()} starts the broker there. */
    public static MosquittoProcess onFreePort() {
        return new MosquittoProcess(freePort());
    }

    /** Keeps sessions, subscriptions and queued messages across a clean stop and start, as brokers do in production. */
    public MosquittoProcess persistent() {
        persistent = true;
        return this;
    }

    /**
     * TLS on the listener (CA, server certificate and key, PEM files) and only the users of a
     * mosquitto_passwd file admitted.
     */
    public MosquittoProcess secured(Path ca, Path cert, Path key, Path passwords) {
        security = "allow_anonymous false\npassword_file " + passwords.toAbsolutePath() + "\ncafile " + ca.toAbsolutePath()
                + "\ncertfile " + cert.toAbsolutePath() + "\nkeyfile " + key.toAbsolutePath() + "\n";
        return this;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public boolean listening() {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public MosquittoProcess start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "mosquitto-it"));
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Path data = Files.createDirectories(dir.resolve("data-" + port));
        data.toFile().setWritable(true, false);
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n"
                + (security == null ? "allow_anonymous true\n" : security)
                + "persistence " + persistent + "\npersistence_location " + data.toAbsolutePath() + "/\n"
                + "max_queued_messages 10000\n");
        conf.toFile().setReadable(true, false);
        process = new ProcessBuilder(ItServers.mosquittoCommand(), "-c", conf.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto-" + port + ".log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening()) {
            assertThat(process.isAlive()).as("mosquitto running, see target/mosquitto-it").isTrue();
            assertThat(System.nanoTime()).as("mosquitto listening on " + port).isLessThan(deadline);
            Thread.sleep(50);
        }
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
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
