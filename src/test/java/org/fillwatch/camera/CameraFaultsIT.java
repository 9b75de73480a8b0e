package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras that answer with something that is not a usable picture: connection refused from the
 * start, corrupt, truncated and empty JPEGs (snapshots), corrupt MJPEG parts, a video whose codec
 * has no decoder. Each is marked OFFLINE with a reason and retried with growing waits; no broken
 * picture reaches the frame handler; the good camera beside it keeps sampling.
 */
class CameraFaultsIT {

    private static final byte[] GOOD = TestPictures.jpeg(320, 240, new Color(30, 160, 60));

    @Test
    void refusedCorruptAndTruncatedSnapshotsAreOfflineWithAReason() throws Exception {
        byte[] corrupt = GOOD.clone();
        new Random(7).nextBytes(corrupt);
        corrupt[0] = (byte) 0xFF; // still starts like a JPEG
        corrupt[1] = (byte) 0xD8;
        byte[] truncated = Arrays.copyOf(GOOD, GOOD.length * 6 / 10);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve(server, "/good.jpg", GOOD);
        serve(server, "/corrupt.jpg", corrupt);
        serve(server, "/truncated.jpg", truncated);
        serve(server, "/empty.jpg", new byte[0]);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Duration every = Duration.ofMillis(200);
        try (CameraRig rig = new CameraRig(CameraRig.properties(Duration.ofMillis(200), Duration.ofMillis(1600), Duration.ofSeconds(2)),
                CameraRig.pavilion("good", base + "/good.jpg", SamplingMode.SNAPSHOT, every, null),
                CameraRig.pavilion("refused", "http://127.0.0.1:" + closedPort() + "/snap.jpg", SamplingMode.SNAPSHOT, every, null),
                CameraRig.pavilion("corrupt", base + "/corrupt.jpg", SamplingMode.SNAPSHOT, every, null),
                CameraRig.pavilion("truncated", base + "/truncated.jpg", SamplingMode.SNAPSHOT, every, null),
                CameraRig.pavilion("empty", base + "/empty.jpg", SamplingMode.SNAPSHOT, every, null))) {
            assertThat(rig.awaitState("refused", State.OFFLINE, Duration.ofSeconds(10)).lastError()).containsIgnoringCase("connect");
            assertThat(rig.awaitState("corrupt", State.OFFLINE, Duration.ofSeconds(10)).lastError()).contains("not a decodable image");
            assertThat(rig.awaitState("truncated", State.OFFLINE, Duration.ofSeconds(10)).lastError()).contains("not a decodable image");
            assertThat(rig.awaitState("empty", State.OFFLINE, Duration.ofSeconds(10)).lastError()).isEqualTo("IOException: empty answer");
            Thread.sleep(5000);
            // waits of 200, 400, 800, 1600, 1600 ms: at most 7 attempts in about 5.5 s, not one per 200 ms tick
            for (String id : new String[] {"refused", "corrupt", "truncated", "empty"}) {
                CameraStatus s = rig.status(id);
                assertThat(s.state()).isEqualTo(State.OFFLINE);
                assertThat(s.framesSampled()).as(id).isZero();
                assertThat(s.consecutiveFailures()).as(id + " attempts with backoff").isBetween(4, 8);
            }
            assertThat(rig.samples("truncated")).isEmpty();
            assertThat(rig.status("good").state()).isEqualTo(State.ONLINE);
            assertThat(rig.samples("good").size()).as("the good camera kept its cadence").isGreaterThan(15);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void corruptPartsOfAnMjpegStreamReachTheHandlerOnlyAsWholePictures() throws Exception {
        byte[] corrupt = GOOD.clone();
        for (int i = 600; i < corrupt.length - 2; i++) {
            corrupt[i] = (byte) 0x5A; // the header survives, the picture data does not
        }
        try (MjpegTestServer camera = new MjpegTestServer(corrupt, 10);
                CameraRig rig = new CameraRig(CameraRig.properties(),
                        CameraRig.pavilion("cam", camera.url(null), SamplingMode.CONTINUOUS, Duration.ofMillis(200), "mpjpeg"))) {
            // FFmpeg conceals damaged picture data: the part decodes to a damaged picture (judged by
            // vision's frame checks), or, when it cannot, is skipped (at most 100 before OFFLINE)
            CameraRig.await(() -> rig.status("cam").state() != State.STARTING, Duration.ofSeconds(20),
                    () -> "camera never marked: " + rig.status("cam"));
            CameraStatus during = rig.status("cam");
            int handed = rig.samples("cam").size();
            camera.picture(GOOD);
            rig.awaitState("cam", State.ONLINE, Duration.ofSeconds(10));
            CameraRig.await(() -> !rig.samples("cam").isEmpty()
                            && rig.samples("cam").get(rig.samples("cam").size() - 1).colourNear(60, 160, 30, 15),
                    Duration.ofSeconds(10), () -> "no good picture after the corrupt ones: " + rig.samples("cam"));
            System.out.printf("CameraFaultsIT corrupt MJPEG parts: state %s, %d frames handed over, last error %s%n",
                    during.state(), handed, during.lastError());
            // a corrupt part decodes to garbage or fails; what reaches the handler must be a whole picture
            for (CameraRig.Sample s : rig.samples("cam")) {
                assertThat(s.width()).isEqualTo(320);
                assertThat(s.height()).isEqualTo(240);
            }
        }
    }

    @Test
    void aVideoWithoutADecoderIsOfflineNamingTheCodecAndOthersGoOn(@TempDir Path tmp) throws Exception {
        Path clip = Path.of("camera-config/demo/clips/ptr-001.avi");
        byte[] avi = Files.readAllBytes(clip);
        int patched = replaceAll(avi, "FMP4", "ZZ9Q") + replaceAll(avi, "fmp4", "zz9q") + replaceAll(avi, "XVID", "ZZ9Q")
                + replaceAll(avi, "xvid", "zz9q");
        assertThat(patched).as("codec tags rewritten").isPositive();
        Path unknown = tmp.resolve("unknown-codec.avi");
        Files.write(unknown, avi);
        try (CameraRig rig = new CameraRig(CameraRig.properties(),
                CameraRig.pavilion("unknown", unknown.toString(), SamplingMode.CONTINUOUS, Duration.ofMillis(300), null),
                CameraRig.pavilion("clip", clip.toAbsolutePath().toString(), SamplingMode.CONTINUOUS, Duration.ofMillis(300), null))) {
            CameraStatus offline = rig.awaitState("unknown", State.OFFLINE, Duration.ofSeconds(15));
            System.out.printf("CameraFaultsIT unknown codec: %s%n", offline.lastError());
            assertThat(offline.lastError()).contains("Did not find a video");
            assertThat(rig.samples("unknown")).isEmpty();
            rig.awaitState("clip", State.ONLINE, Duration.ofSeconds(15));
        }
    }

    private static int replaceAll(byte[] data, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int n = 0;
        outer:
        for (int i = 0; i <= data.length - f.length; i++) {
            for (int j = 0; j < f.length; j++) {
                if (data[i + j] != f[j]) {
                    continue outer;
                }
            }
            System.arraycopy(t, 0, data, i, t.length);
            n++;
        }
        return n;
    }

    private static void serve(HttpServer server, String path, byte[] body) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
