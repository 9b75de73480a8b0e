package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** JPEG snapshot URLs on loopback: good answers, greyscale pictures, and 401/404/500 answers. */
class SnapshotCameraIT {

    private static final String SECRET = "s3cret-pw";
    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] blue = TestPictures.jpeg(640, 360, new Color(10, 40, 220));
        byte[] grey = TestPictures.greyJpeg(200, 100, 140);
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(("viewer:" + SECRET).getBytes(StandardCharsets.UTF_8));
        server.createContext("/snap.jpg", exchange -> {
            boolean authorised = expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = authorised ? blue : new byte[0];
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(authorised ? 200 : 401, authorised ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        byte[] wide = TestPictures.jpeg(1280, 720, new Color(200, 120, 30));
        server.createContext("/wide.jpg", exchange -> {
            exchange.sendResponseHeaders(200, wide.length);
            exchange.getResponseBody().write(wide);
            exchange.close();
        });
        server.createContext("/grey.jpg", exchange -> {
            exchange.sendResponseHeaders(200, grey.length);
            exchange.getResponseBody().write(grey);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/not-a-picture", exchange -> {
            byte[] body = "<html>login</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void snapshotsAreDecodedAndFailuresNameTheStatusWithoutLeakingCredentials() {
        Duration every = Duration.ofMillis(300);
        try (LogCapture logs = new LogCapture();
                CameraRig rig = new CameraRig(CameraRig.properties(),
                        CameraRig.pavilion("ok", "http://viewer:" + SECRET + "@" + base + "/snap.jpg?password=" + SECRET, SamplingMode.SNAPSHOT, every, null),
                        CameraRig.pavilion("grey", "http://" + base + "/grey.jpg", SamplingMode.SNAPSHOT, every, null),
                        CameraRig.pavilion("denied", "http://viewer:wrong-" + SECRET + "@" + base + "/snap.jpg", SamplingMode.SNAPSHOT, every, null),
                        CameraRig.pavilion("missing", "http://" + base + "/nothing-here.jpg?token=" + SECRET, SamplingMode.SNAPSHOT, every, null),
                        CameraRig.pavilion("broken", "http://" + base + "/broken", SamplingMode.SNAPSHOT, every, null),
                        CameraRig.pavilion("html", "http://" + base + "/not-a-picture", SamplingMode.SNAPSHOT, every, null))) {

            rig.awaitState("ok", State.ONLINE, Duration.ofSeconds(10));
            rig.awaitState("grey", State.ONLINE, Duration.ofSeconds(10));
            assertThat(rig.awaitState("denied", State.OFFLINE, Duration.ofSeconds(10)).lastError()).contains("HTTP 401");
            assertThat(rig.awaitState("missing", State.OFFLINE, Duration.ofSeconds(10)).lastError()).contains("HTTP 404");
            assertThat(rig.awaitState("broken", State.OFFLINE, Duration.ofSeconds(10)).lastError()).contains("HTTP 500");
            assertThat(rig.awaitState("html", State.OFFLINE, Duration.ofSeconds(10)).lastError()).contains("not a decodable image");
            assertThat(rig.status("denied").offlineSince()).isNotNull();

            CameraRig.Sample ok = rig.samples("ok").get(0);
            assertThat(ok.width()).isEqualTo(640);
            assertThat(ok.height()).isEqualTo(360);
            assertThat(ok.colourNear(220, 40, 10, 12)).as(ok.toString()).isTrue();
            CameraRig.Sample grey = rig.samples("grey").get(0);
            assertThat(grey.channels()).as("greyscale JPEG handed over as BGR").isEqualTo(3);
            assertThat(grey.width()).isEqualTo(200);
            assertThat(grey.colourNear(140, 140, 140, 4)).as(grey.toString()).isTrue();

            Health health = new CamerasHealthIndicator(rig.sampler).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("online", 2).containsEntry("offline", 4);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> cameras = (Map<String, Map<String, Object>>) health.getDetails().get("cameras");
            assertThat(cameras.get("ok")).containsEntry("url", "http://***@" + base + "/snap.jpg?password=***");
            assertThat(cameras.get("denied").get("lastError").toString()).contains("HTTP 401");

            String everything = logs.text() + rig.sampler.all() + health;
            assertThat(everything).contains("Camera denied").contains("OFFLINE");
            assertThat(everything).doesNotContain(SECRET);
        }
    }

    /**
     * The handler says how much smaller it can take a frame of the camera's full size: the first
     * snapshot comes whole (the size is not known yet), the next ones at half size, decoded so by
     * the JPEG decoder. A handler that cannot tell (throws) gets whole frames and the camera stays up.
     */
    @Test
    void snapshotsAreDecodedAsSmallAsTheHandlersAllow() {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<CameraRig.Sample> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        FrameHandler halves = new FrameHandler() {
            @Override
            public void onFrame(org.fillwatch.pavilion.Pavilion pavilion, java.time.Instant at, org.bytedeco.opencv.opencv_core.Mat frame) {
                seen.add(CameraRig.describe(pavilion.id(), at, frame));
            }

            @Override
            public int reduction(org.fillwatch.pavilion.Pavilion pavilion, int width, int height) {
                asked.add(pavilion.id() + " " + width + "x" + height);
                if (pavilion.id().equals("confused")) {
                    throw new IllegalStateException("no model for this pavilion");
                }
                return 2;
            }
        };
        Duration every = Duration.ofMillis(200);
        try (CameraRig rig = new CameraRig(CameraRig.properties(), halves,
                CameraRig.pavilion("wide", "http://" + base + "/wide.jpg", SamplingMode.SNAPSHOT, every, null),
                CameraRig.pavilion("confused", "http://" + base + "/wide.jpg", SamplingMode.SNAPSHOT, every, null))) {
            CameraRig.await(() -> seen.stream().filter(x -> x.pavilionId().equals("wide")).count() >= 3
                    && seen.stream().filter(x -> x.pavilionId().equals("confused")).count() >= 3,
                    Duration.ofSeconds(10), () -> "frames seen: " + seen);
            java.util.List<CameraRig.Sample> wide = seen.stream().filter(x -> x.pavilionId().equals("wide")).toList();
            assertThat(wide.get(0).width()).as("first snapshot, size unknown").isEqualTo(1280);
            assertThat(wide.subList(1, wide.size())).allSatisfy(x -> {
                assertThat(x.width()).isEqualTo(640);
                assertThat(x.height()).isEqualTo(360);
                assertThat(x.colourNear(30, 120, 200, 12)).as(x.toString()).isTrue();
            });
            assertThat(asked).contains("wide 1280x720").noneMatch(a -> a.contains("640x360"));
            assertThat(seen.stream().filter(x -> x.pavilionId().equals("confused"))).allSatisfy(
                    x -> assertThat(x.width()).isEqualTo(1280));
            assertThat(rig.status("confused").state()).isEqualTo(State.ONLINE);
        }
    }
}
