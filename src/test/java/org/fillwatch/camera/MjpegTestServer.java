package org.fillwatch.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An HTTP MJPEG camera on 127.0.0.1 (multipart/x-mixed-replace of JPEG parts), written on a plain
 * ServerSocket so that tests can make it misbehave: drop connections, stall, go away and come back.
 */
final class MjpegTestServer implements AutoCloseable {

    enum Behaviour {
        /** Sends frames until the client goes. */
        STREAM,
        /** Sends a few frames, then closes the connection. */
        CLOSE_AFTER_FEW,
        /** Sends a few frames, then keeps the connection open without sending anything. */
        STALL_AFTER_FEW,
        /** Accepts and closes at once, before any answer. */
        DROP
    }

    static final int FEW = 3;

    private final int fps;
    private volatile byte[] jpeg;
    private volatile Behaviour behaviour = Behaviour.STREAM;
    private final List<Instant> connections = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private ServerSocket server;
    private int port;

    MjpegTestServer(byte[] jpeg, int fps) throws IOException {
        this.jpeg = jpeg;
        this.fps = fps;
        start(0);
    }

    /** Listens again on the same port after {@link #stop()}. */
    synchronized void start(int wantedPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort));
        server = s;
        port = s.getLocalPort();
        Thread acceptor = new Thread(() -> accept(s), "mjpeg-test-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void restart() throws IOException {
        start(port);
    }

    /** Stops listening and cuts every open connection, as a camera losing power would. */
    synchronized void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        synchronized (open) {
            open.forEach(MjpegTestServer::closeQuietly);
            open.clear();
        }
    }

    String url(String credentials) {
        return "http://" + (credentials == null ? "" : credentials + "@") + "127.0.0.1:" + port + "/video.mjpg";
    }

    void behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    void picture(byte[] jpeg) {
        this.jpeg = jpeg;
    }

    List<Instant> connections() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                connections.add(Instant.now());
                open.add(client);
                Thread t = new Thread(() -> serve(client), "mjpeg-test-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        Behaviour how = behaviour;
        try (client) {
            if (how == Behaviour.DROP) {
                return;
            }
            readRequest(client.getInputStream());
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                    + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; !client.isClosed(); sent++) {
                if (sent == FEW && how == Behaviour.CLOSE_AFTER_FEW) {
                    return;
                }
                if (sent == FEW && how == Behaviour.STALL_AFTER_FEW) {
                    while (!client.isClosed()) {
                        Thread.sleep(50); // connection open, nothing sent
                    }
                    return;
                }
                byte[] part = jpeg;
                out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + part.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(part);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(1000L / fps);
            }
        } catch (IOException | InterruptedException e) {
            // client went away or the server stopped
        } finally {
            open.remove(client);
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        stop();
    }
}
