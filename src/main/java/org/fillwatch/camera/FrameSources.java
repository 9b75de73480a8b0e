package org.fillwatch.camera;

import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.SamplingMode;

/** Picks the source for a camera from its URL and mode. */
final class FrameSources {

    private final CameraProperties properties;
    private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();

    private final HttpClient http;
    private final java.util.concurrent.ExecutorService answers;

    FrameSources(CameraProperties properties) {
        this.properties = properties;
        // the selector thread does the waiting; two threads finish answers and hand them to the workers
        this.answers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "camera-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1) // cameras speak HTTP/1.1; no h2c upgrade attempt per request
                .executor(answers)
                .build();
    }

    void close() {
        answers.shutdownNow();
    }

    FrameSource create(CameraSpec spec, Instant start) throws URISyntaxException {
        String url = spec.url();
        if (spec.mode() == SamplingMode.SNAPSHOT) {
            return new SnapshotSource(http, url, properties.readTimeout());
        }
        if (!url.contains("://")) {
            return new LoopedFileSource(Path.of(url), start, spec.mode() == SamplingMode.CONTINUOUS);
        }
        return new StreamSource(spec, properties.connectTimeout(), properties.readTimeout());
    }
}
