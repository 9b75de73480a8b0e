package org.fillwatch.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.scene.SceneSpec;

/**
 * The load generator of the capacity benchmark: a pool of rendered 1280x720 sites (JPEG, 3
 * containers each) served over loopback HTTP as N snapshot cameras ({@code /cam/{i}.jpg} shows site
 * i mod pool), and a camera-config folder of N pavilions pointing at them. Rendering each of 5,000
 * cameras' own site would take longer than the benchmark; the service cannot tell.
 */
final class SnapshotCameraFarm implements AutoCloseable {

    private record Site(byte[] jpeg, List<ContainerTruth> containers) {
    }

    private final List<Site> sites = new ArrayList<>();
    private final HttpServer server;
    final AtomicLong requests = new AtomicLong();

    SnapshotCameraFarm(int pool, long seed) throws IOException {
        SceneRenderer renderer = new SceneRenderer(seed, null);
        while (sites.size() < pool) {
            SceneSpec spec = renderer.randomSpec(1280, 720);
            try (RenderedScene scene = renderer.render(spec)) {
                if (scene.containers().size() < 3) {
                    continue;
                }
                sites.add(new Site(jpeg(scene), scene.containers().subList(0, 3)));
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "camera-farm");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/cam/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/cam/".length()).replace(".jpg", "");
            byte[] body = sites.get(Math.floorMod(Integer.parseInt(name), sites.size())).jpeg();
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    double meanJpegBytes() {
        return sites.stream().mapToInt(s -> s.jpeg().length).average().orElse(0);
    }

    /** Writes {@code n} pavilion files sampling these cameras every {@code interval} (e.g. "60s"). */
    void writeConfig(Path dir, int n, String interval) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        for (int i = 0; i < n; i++) {
            Site site = sites.get(i % sites.size());
            StringBuilder y = new StringBuilder();
            y.append("id: bench-").append(i).append('\n')
                    .append("name: \"Bench site ").append(i).append("\"\n")
                    .append("address: \"Loopback ").append(i).append("\"\n")
                    .append("district: \"D").append(i % 10).append("\"\n")
                    .append("location: {latitude: 54.87, longitude: 69.14}\n")
                    .append("carrier: carrier-").append(i % 5).append('\n')
                    .append("camera:\n")
                    .append("  url: http://127.0.0.1:").append(port()).append("/cam/").append(i).append(".jpg\n")
                    .append("  mode: snapshot\n")
                    .append("  interval: ").append(interval).append('\n')
                    .append("containers:\n");
            for (ContainerTruth c : site.containers()) {
                y.append("  - id: ").append(c.id()).append('\n').append("    type: \"rendered\"\n").append("    polygon: [");
                for (int k = 0; k < c.polygon().size(); k++) {
                    double[] p = c.polygon().get(k);
                    y.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.4f, %.4f]",
                            Math.max(0, Math.min(1, p[0])), Math.max(0, Math.min(1, p[1]))));
                }
                y.append("]\n");
            }
            Files.writeString(dir.resolve("bench-" + i + ".yaml"), y);
        }
    }

    private static byte[] jpeg(RenderedScene scene) {
        try (BytePointer out = new BytePointer(); IntPointer q = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 85)) {
            opencv_imgcodecs.imencode(".jpg", scene.image(), out, q);
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
