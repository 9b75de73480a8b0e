package org.fillwatch.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.camera.FrameHandler;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.TestPavilions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A frame goes through the real vision module; its crop is fetched, labelled, stored and exported. */
@EmbeddedServiceTest
class LabellingTest {

    @Autowired TestPavilions pavilions;
    @Autowired List<FrameHandler> handlers;
    @Autowired LabelStore store;
    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void cropIsLabelledStoredAndExported(@TempDir Path tmp) throws Exception {
        Pavilion pavilion = pavilions.create("carrier-labels", 2);
        Instant first = Instant.parse("2026-11-25T10:00:00Z");
        Instant second = Instant.parse("2026-11-25T10:01:00Z");
        frame(pavilion, first, 1);
        frame(pavilion, second, 2);

        HttpResponse<byte[]> crop = http.send(operator("/api/pavilions/" + pavilion.id()
                + "/containers/c1/crop").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crop.statusCode()).isEqualTo(200);
        assertThat(crop.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(crop.headers().firstValue(LabelController.READING_TIME_HEADER)).hasValue(second.toString());
        try (Mat encoded = new Mat(new org.bytedeco.javacpp.BytePointer(crop.body()));
             Mat image = opencv_imgcodecs.imdecode(encoded, IMREAD_COLOR)) {
            // crops are kept at the shipped model's input size
            int size = org.fillwatch.vision.model.ModelMetadata.read(Path.of("models/fill-level")).inputSize();
            assertThat(image.cols()).isEqualTo(size).isEqualTo(image.rows());
        }

        // the operator labels the earlier reading (still held) and the latest one
        HttpResponse<String> saved = post(body(pavilion.id(), "c1", first.toString(), "partial"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(json.readTree(saved.body()).path("label").asString()).isEqualTo("partial");
        assertThat(post(body(pavilion.id(), "c1", second.toString(), "FULL")).statusCode()).isEqualTo(201);
        // labelling the same reading again replaces the label
        assertThat(post(body(pavilion.id(), "c1", second.toString(), "overflowing")).statusCode()).isEqualTo(201);
        assertThat(store.list(pavilion.id())).extracting(OperatorLabel::label).containsExactly("partial", "overflowing");

        HttpResponse<byte[]> zip = http.send(operator("/api/labels/export?pavilion=" + pavilion.id())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> entries = unzip(zip.body());
        String latestName = "overflowing/" + pavilion.id() + "_c1_20261125T100100.000Z.jpg";
        assertThat(entries).containsKeys("empty/", "partial/", "full/", "overflowing/", latestName,
                "partial/" + pavilion.id() + "_c1_20261125T100000.000Z.jpg");
        assertThat(entries.get(latestName)).isEqualTo(crop.body());

        assertThat(LabelArchive.toFolder(store.list(pavilion.id()), tmp)).isEqualTo(2);
        assertThat(Files.readAllBytes(tmp.resolve(latestName))).isEqualTo(crop.body());
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-labels", 1);
        Instant at = Instant.parse("2026-11-25T11:00:00Z");
        frame(pavilion, at, 3);
        expectProblem(post(body(pavilion.id(), "c1", at.toString(), "half")), 400, "label");
        expectProblem(post(body(null, "c1", at.toString(), "full")), 400, "pavilion");
        expectProblem(post(body(pavilion.id(), "", at.toString(), "full")), 400, "container");
        expectProblem(post(body(pavilion.id(), "c9", at.toString(), "full")), 400, "container");
        expectProblem(post(body("nowhere", "c1", at.toString(), "full")), 400, "pavilion");
        expectProblem(post(body(pavilion.id(), "c1", "yesterday", "full")), 400, "readingTime");
        expectProblem(post(body(pavilion.id(), "c1", "2020-01-01T00:00:00Z", "full")), 409, "readingTime");
        HttpResponse<String> noCrop = http.send(operator("/api/pavilions/" + pavilions.create("x", 1).id()
                + "/containers/c1/crop").build(), HttpResponse.BodyHandlers.ofString());
        expectProblem(noCrop, 404, "container");
    }

    private void expectProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("field").asString()).isEqualTo(field);
        assertThat(problem.path("detail").asString()).startsWith(field + ":");
    }

    /** Looped demo clips stamp frames with nanoseconds; the database keeps microseconds. */
    @Test
    void readingTimeWithNanosecondsIsLabelled() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-labels", 1);
        Instant at = Instant.parse("2026-11-25T11:00:00.123456789Z");
        frame(pavilion, at, 3);
        HttpResponse<String> saved = post(body(pavilion.id(), "c1", at.toString(), "empty"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(store.list(pavilion.id())).extracting(OperatorLabel::label).containsExactly("empty");
    }

    private void frame(Pavilion pavilion, Instant at, long seed) {
        SceneRenderer renderer = new SceneRenderer(seed, null);
        try (RenderedScene scene = renderer.render(renderer.randomSpec(640, 360))) {
            handlers.forEach(h -> h.onFrame(pavilion, at, scene.image()));
        }
    }

    private static String body(String pavilion, String container, String readingTime, String label) {
        return "{" + (pavilion == null ? "" : "\"pavilion\":\"" + pavilion + "\",") + "\"container\":\"" + container
                + "\",\"readingTime\":\"" + readingTime + "\",\"label\":\"" + label + "\"}";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(operator("/api/labels").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Labelling is the city's staff's work: requests as the demo operator. */
    private HttpRequest.Builder operator(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", DemoLogins.OPERATOR.basic());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
