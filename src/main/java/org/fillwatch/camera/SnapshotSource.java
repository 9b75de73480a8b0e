package org.fillwatch.camera;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;

/** A camera's JPEG snapshot URL: one HTTP GET per sample, decoded with OpenCV. */
final class SnapshotSource implements FrameSource {

    private final HttpClient client;
    private final URI uri;
    private final String authorization;
    private final Duration readTimeout;

    /** @param client shared by all snapshot cameras: each HttpClient has a selector thread of its own */
    SnapshotSource(HttpClient client, String url, Duration readTimeout) throws URISyntaxException {
        URI parsed = new URI(url);
        // credentials go into a Basic header; HttpClient refuses URIs that carry user info
        this.uri = new URI(parsed.getScheme(), null, parsed.getHost(), parsed.getPort(), parsed.getPath(),
                parsed.getQuery(), null);
        this.authorization = parsed.getRawUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(
                        java.net.URLDecoder.decode(parsed.getRawUserInfo(), StandardCharsets.UTF_8)
                                .getBytes(StandardCharsets.UTF_8));
        this.client = client;
        this.readTimeout = readTimeout;
    }

    /** Blocking form, for callers that want the picture on their own thread. */
    @Override
    public void sample(Instant at, Consumer<Mat> sink) throws Exception {
        byte[] body;
        try {
            body = fetch().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        decode(body, sink);
    }

    /**
     * Asks for one picture without holding a thread while the camera answers: thousands of cameras
     * share the client's selector thread. Completes with the JPEG bytes, or exceptionally (HTTP
     * status other than 2xx, timeout: the request timeout covers the headers, {@code orTimeout} a
     * body that trickles in).
     */
    CompletableFuture<byte[]> fetch() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return answer.orTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        answer.cancel(true);
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof TimeoutException) {
                            cause = new HttpTimeoutException("no complete answer within " + readTimeout.toMillis() + " ms");
                        }
                        throw new java.util.concurrent.CompletionException(cause);
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new java.util.concurrent.CompletionException(
                                new IOException("HTTP " + response.statusCode() + " from snapshot URL"));
                    }
                    return response.body();
                });
    }

    /** Decodes a JPEG answer straight from its bytes (no FFmpeg grabber) and hands the BGR picture on. */
    static void decode(byte[] body, Consumer<Mat> sink) throws IOException {
        decode(body, 1, sink);
    }

    /** Decodes at 1/{@code reduction} of the full size (1, 2, 4 or 8), see {@link JpegDecoder}. */
    static void decode(byte[] body, int reduction, Consumer<Mat> sink) throws IOException {
        if (body.length == 0) {
            throw new IOException("empty answer"); // imdecode would throw with OpenCV's build paths in the message
        }
        try (Mat picture = JpegDecoder.decode(body, reduction)) {
            if (picture == null || picture.empty()) {
                throw new IOException("answer is not a decodable image (" + body.length + " bytes)");
            }
            sink.accept(picture); // IMREAD_COLOR always gives 8-bit BGR
        }
    }

    @Override
    public void close() {
        // nothing is held between samples
    }
}
