package org.fillwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free loopback port), so
 * that a test can stop and start "the database server" without touching the shared one. As root,
 * the commands run as user postgres (initdb refuses root). Binaries from {@code fillwatch.it.pg-bin}
 * (default: the newest /usr/lib/postgresql/{version}/bin).
 */
public final class PostgresProcess implements AutoCloseable {

    private final int port;
    private final Path dir;

    private PostgresProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public static PostgresProcess initialised() throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("fillwatch-pg-" + port);
        PostgresProcess pg = new PostgresProcess(port, dir);
        if (root()) {
            pg.command("chown", "-R", "postgres", dir.toString());
        }
        pg.pg("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres", "--no-sync");
        return pg;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public PostgresProcess start() throws Exception {
        pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return this;
    }

    /** A fast shutdown: open connections are cut, as in a server restart. */
    public void stop() throws Exception {
        pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    public void createDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } catch (AssertionError | Exception ignored) {
            // already stopped
        }
        command("rm", "-rf", dir.toString());
    }

    private void pg(String tool, String... args) throws Exception {
        String bin = System.getProperty("fillwatch.it.pg-bin", debianBin());
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin + "/" + tool);
        cmd.addAll(List.of(args));
        command(cmd.toArray(String[]::new));
    }

    private void command(String... cmd) throws Exception {
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "fillwatch-pg-" + port + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as(String.join(" ", cmd) + " (see " + log + ")").isTrue();
    }

    /** The newest of Debian's /usr/lib/postgresql/{version}/bin, as scripts/test.sh installs it. */
    private static String debianBin() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(v -> v.resolve("bin").toString()).orElse("/usr/lib/postgresql/15/bin");
        } catch (IOException | NumberFormatException e) {
            return "/usr/lib/postgresql/15/bin";
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
