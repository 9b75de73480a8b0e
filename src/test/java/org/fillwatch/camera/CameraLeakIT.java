package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.Color;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.camera.MjpegTestServer.Behaviour;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.Test;

/**
 * Threads, resident memory and JavaCPP native memory (JavaCV frames, OpenCV mats) stay flat over
 * many reconnects and many processed frames. Each frame goes through OpenCV work like vision's
 * (grey, blur, resize, all closed). Counts are parameters: the default run does 200 reconnects and
 * 10,000 frames; {@code -Preliability} does 1,000 reconnects and 100,000 frames. Measured after a
 * warm-up (10 %) and at the end; the bounds are in {@link #MAX_THREAD_GROWTH},
 * {@link #MAX_RSS_GROWTH_MB} and {@link #MAX_NATIVE_GROWTH_MB}.
 */
class CameraLeakIT {

    static final int RECONNECTS = Integer.getInteger("fillwatch.reliability.reconnects", 200);
    static final long FRAMES = Long.getLong("fillwatch.reliability.frames", 10_000);
    static final int MAX_THREAD_GROWTH = 2;
    static final long MAX_RSS_GROWTH_MB = 64;
    static final long MAX_NATIVE_GROWTH_MB = 16;

    private static final byte[] PICTURE = TestPictures.jpeg(640, 480, new Color(200, 120, 40));

    @Test
    void reconnectsLeakNoThreadsAndNoMemory() throws Exception {
        AtomicLong frames = new AtomicLong();
        try (MjpegTestServer camera = new MjpegTestServer(PICTURE, 100)) {
            camera.behaviour(Behaviour.CLOSE_AFTER_FEW); // every connection: 3 frames, then the camera hangs up
            try (CameraRig rig = new CameraRig(CameraRig.properties(2, Duration.ofMillis(1), Duration.ofMillis(5),
                    Duration.ofSeconds(2)), opencvWork(frames),
                    CameraRig.pavilion("flappy", camera.url(null), SamplingMode.CONTINUOUS, Duration.ofMillis(5), "mpjpeg"))) {
                Figures warm = null;
                int warmAt = Math.max(10, RECONNECTS / 10);
                while (camera.connections().size() < RECONNECTS) {
                    if (warm == null && camera.connections().size() >= warmAt) {
                        warm = Figures.now();
                    }
                    Thread.sleep(100);
                }
                Figures end = Figures.now();
                CameraStatus status = rig.status("flappy");
                report("reconnects", RECONNECTS + " reconnects, " + frames.get() + " frames", warm, end);
                assertThat(frames.get()).as("frames between the hang-ups").isGreaterThan(RECONNECTS);
                assertThat(status.state()).isIn(CameraStatus.State.ONLINE, CameraStatus.State.OFFLINE);
                // every hang-up is one OFFLINE, every reconnect one ONLINE again, strictly alternating
                List<Object> changes = List.copyOf(rig.transitions);
                int connections = camera.connections().size();
                for (int i = 0; i < changes.size(); i++) {
                    assertThat(changes.get(i)).as("transition %d", i)
                            .isInstanceOf(i % 2 == 0 ? CameraCameBack.class : CameraWentOffline.class);
                }
                assertThat(changes.size() / 2).as("offline/online pairs for %d connections", connections)
                        .isBetween(connections * 9 / 10, connections);
                System.out.printf("CameraLeakIT reconnects: %d state changes for %d connections%n", changes.size(),
                        connections);
                end.assertWithinBoundsOf(warm);
            }
        }
    }

    @Test
    void processedFramesLeakNoThreadsAndNoMemory() throws Exception {
        AtomicLong frames = new AtomicLong();
        List<MjpegTestServer> cameras = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                cameras.add(new MjpegTestServer(PICTURE, 100));
            }
            try (CameraRig rig = new CameraRig(CameraRig.properties(2), opencvWork(frames),
                    cameras.stream().map(c -> CameraRig.pavilion("cam-" + cameras.indexOf(c), c.url(null),
                            SamplingMode.CONTINUOUS, Duration.ofMillis(5), "mpjpeg")).toArray(org.fillwatch.pavilion.Pavilion[]::new))) {
                Figures warm = null;
                long started = System.nanoTime();
                while (frames.get() < FRAMES) {
                    if (warm == null && frames.get() >= FRAMES / 10) {
                        warm = Figures.now();
                    }
                    Thread.sleep(100);
                }
                Figures end = Figures.now();
                double seconds = (System.nanoTime() - started) / 1e9;
                report("frames", frames.get() + " frames of 640x480 in " + Math.round(seconds) + " s ("
                        + Math.round(frames.get() / seconds) + "/s) from 4 cameras", warm, end);
                end.assertWithinBoundsOf(warm);
            }
        } finally {
            cameras.forEach(MjpegTestServer::close);
        }
    }

    /** Vision-like work on every frame: grey, blur, shrink; every Mat closed as vision does. */
    private static FrameHandler opencvWork(AtomicLong frames) {
        return (pavilion, at, frame) -> {
            try (Mat grey = new Mat(); Mat blurred = new Mat(); Mat small = new Mat(); Size kernel = new Size(5, 5);
                    Size target = new Size(160, 120)) {
                cvtColor(frame, grey, COLOR_BGR2GRAY);
                GaussianBlur(grey, blurred, kernel, 0);
                resize(blurred, small, target);
            }
            frames.incrementAndGet();
        };
    }

    private static void report(String what, String work, Figures warm, Figures end) {
        System.out.printf("CameraLeakIT %s: %s; after warm-up / at end: threads %d / %d, RSS %d / %d MB, "
                        + "JavaCPP physical %d / %d MB, JavaCPP tracked %d / %d KB (%d / %d pointers); %s%n",
                what, work, warm.threads, end.threads, warm.rssMb, end.rssMb, warm.physicalMb, end.physicalMb,
                warm.trackedKb, end.trackedKb, warm.pointers, end.pointers, load());
    }

    private static String load() {
        try {
            return "load " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "load unknown";
        }
    }

    /** Threads of the service (the test server's own threads left out), RSS, JavaCPP's native memory. */
    record Figures(int threads, long rssMb, long physicalMb, long trackedKb, long pointers) {

        static Figures now() throws Exception {
            System.gc(); // JavaCPP frees unclosed pointers when their Java objects are collected
            Thread.sleep(300);
            int threads = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !t.getName().startsWith("mjpeg-test")).count();
            return new Figures(threads, rssKb() / 1024, Pointer.physicalBytes() >> 20, Pointer.totalBytes() >> 10,
                    Pointer.totalCount());
        }

        void assertWithinBoundsOf(Figures warm) {
            assertThat(threads - warm.threads).as("thread growth, %s -> %s", warm, this).isLessThanOrEqualTo(MAX_THREAD_GROWTH);
            assertThat(rssMb - warm.rssMb).as("RSS growth (MB), %s -> %s", warm, this).isLessThanOrEqualTo(MAX_RSS_GROWTH_MB);
            assertThat(trackedKb - warm.trackedKb).as("JavaCPP native growth (KB), %s -> %s", warm, this)
                    .isLessThanOrEqualTo(MAX_NATIVE_GROWTH_MB * 1024);
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as("JVM threads").isLessThan(200);
        }

        private static long rssKb() throws java.io.IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }
    }
}
