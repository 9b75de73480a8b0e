package org.fillwatch.camera;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's GStreamer RTSP server (src/test/resources/rtsp-server.py) as a child process on a free
 * loopback port. Fails fast, naming the packages to install, when GStreamer or its bindings are missing.
 */
final class RtspTestServer implements AutoCloseable {

    static final String APT_PACKAGES = "python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-rtsp-server-1.0 "
            + "gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly";
    static final String PYTHON = System.getProperty("fillwatch.test.python", "/usr/bin/python3");
    private static final long START_TIMEOUT_S = 20;

    private final Process process;
    private final Path stderr;
    final int port;

    private RtspTestServer(Process process, Path stderr, int port) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
    }

    /** Starts the server with the script's options (see rtsp-server.py --help) and waits for it to listen. */
    static RtspTestServer start(List<String> interpreter, String... options) throws Exception {
        if (!Files.isExecutable(Path.of(interpreter.get(0)))) {
            throw new AssertionError("RTSP test server needs " + interpreter.get(0) + " with GStreamer bindings; "
                    + "install the apt packages: " + APT_PACKAGES);
        }
        int port = freePort();
        List<String> command = new ArrayList<>(interpreter);
        command.add(script().toString());
        command.add("--port");
        command.add(String.valueOf(port));
        command.addAll(List.of(options));
        Path stderr = Files.createTempFile("rtsp-server", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        RtspTestServer server = new RtspTestServer(process, stderr, port);
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            line = null;
        }
        if (line == null || !line.startsWith("READY ")) {
            String exit = process.isAlive() ? "none, still running" : String.valueOf(process.exitValue());
            String errors = Files.readString(stderr).strip();
            server.close();
            throw new AssertionError("RTSP test server did not start within " + START_TIMEOUT_S + " s (exit " + exit
                    + "): " + errors + "\nIt needs GStreamer's RTSP server; install the apt packages: " + APT_PACKAGES);
        }
        return server;
    }

    static RtspTestServer start(String... options) throws Exception {
        return start(List.of(PYTHON), options);
    }

    String url(String credentials, String path) {
        return "rtsp://" + (credentials == null ? "" : credentials + "@") + "127.0.0.1:" + port + path;
    }

    private static Path script() throws URISyntaxException {
        var resource = RtspTestServer.class.getResource("/rtsp-server.py");
        if (resource == null) {
            throw new AssertionError("rtsp-server.py is not on the test class path");
        }
        return Path.of(resource.toURI());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(stderr);
    }
}
