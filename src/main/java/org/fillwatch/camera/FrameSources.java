package org.fillwatch.camera;

import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.SamplingMode;

/** Picks the source for a camera from its URL and mode. */
final class FrameSources {

    private final CameraProperties properties;
    private final HttpClient http;

    FrameSources(CameraProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
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
