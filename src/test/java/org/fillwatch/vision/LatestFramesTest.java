package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.scene.SceneSpec;
import org.junit.jupiter.api.Test;

class LatestFramesTest {

    @Test
    void evidenceKeepsTheContainerSharpAndBlursEverythingElse() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 700, null);
        SceneSpec spec = renderer.randomSpec(1280, 720);
        SceneSpec.Container first = spec.containers().get(0);
        spec = spec.withOccluders(List.of(new SceneSpec.Occluder(SceneSpec.OccluderType.PERSON, first.x() - 0.6,
                spec.site().rowZ() - 0.9, 0x2a4a6a, 3)));
        LatestFrames frames = new LatestFrames();
        try (RenderedScene scene = renderer.render(spec)) {
            Pavilion pavilion = ShippedModelScenes.pavilion(scene);
            assertThat(frames.latest("p1", "c1")).as("no frame held yet").isEmpty();
            ContainerSpec container = pavilion.containers().get(0);
            AtomicReference<byte[]> taken = new AtomicReference<>();
            frames.whileAnalysed(pavilion, scene.image(), Instant.now(), true, () -> {
                assertThat(frames.latest("p1", "no-such-container")).isEmpty();
                taken.set(frames.latest("p1", container.id()).orElseThrow());
            });
            assertThat(frames.latest("p1", container.id())).as("nothing of the frame is held afterwards").isEmpty();
            assertThat(frames.framesInFlight()).isZero();
            byte[] jpeg = taken.get();
            try (BytePointer bytes = new BytePointer(jpeg); Mat encoded = new Mat(1, jpeg.length, opencv_core.CV_8UC1, bytes);
                 Mat stored = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR);
                 Rect box = LatestFrames.box(container.polygon(), 1280, 720);
                 Mat original = new Mat(scene.image(), box);
                 Mat inside = polygonMask(pavilion, box)) {
                assertThat(stored.cols()).isEqualTo(box.width());
                assertThat(stored.rows()).isEqualTo(box.height());
                try (Mat outside = new Mat(); Mat diff = new Mat(); Mat grey = new Mat()) {
                    opencv_core.bitwise_not(inside, outside);
                    opencv_core.absdiff(stored, original, diff);
                    opencv_imgproc.cvtColor(diff, grey, opencv_imgproc.COLOR_BGR2GRAY);
                    double in = opencv_core.mean(grey, inside).get(0);
                    double out = opencv_core.mean(grey, outside).get(0);
                    System.out.printf("evidence: mean |stored - original| inside %.1f, outside %.1f%n", in, out);
                    assertThat(in).as("inside the polygons: the picture as it was (JPEG aside)").isLessThan(4);
                    assertThat(out).as("outside: blurred").isGreaterThan(4 * in).isGreaterThan(8);
                }
                // the blur is made on the frame shrunk 8 times: it must look like the full-size Gaussian of sigma 1280/40
                try (Mat whole = new Mat(); org.bytedeco.opencv.opencv_core.Size k = new org.bytedeco.opencv.opencv_core.Size(0, 0)) {
                    opencv_imgproc.GaussianBlur(scene.image(), whole, k, 1280 / 40.0);
                    try (Mat reference = new Mat(whole, box); Mat outside = new Mat()) {
                        opencv_core.bitwise_not(inside, outside);
                        double toReference = meanDifference(stored, reference, outside);
                        double originalToReference = meanDifference(original, reference, outside);
                        System.out.printf("evidence: outside to a sigma-32 blur %.1f (original to it %.1f)%n",
                                toReference, originalToReference);
                        assertThat(toReference).as("outside: as blurred as a Gaussian of sigma width/40")
                                .isLessThan(originalToReference / 2);
                    }
                }
            }
        }
    }

    /** The evidence blurs only its box; that region must equal the same part of the whole frame blurred. */
    @Test
    void aBlurredRegionIsThatPartOfTheWholeBlur() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 701, null);
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720));
             Mat whole = LatestFrames.blurred(scene.image())) {
            for (Rect box : List.of(new Rect(0, 0, 200, 150), new Rect(517, 203, 311, 244), new Rect(1100, 600, 180, 120))) {
                try (box; Mat region = LatestFrames.blurred(scene.image(), box); Mat part = new Mat(whole, box);
                     Mat diff = new Mat()) {
                    assertThat(region.cols()).isEqualTo(box.width());
                    assertThat(region.rows()).isEqualTo(box.height());
                    opencv_core.absdiff(region, part, diff);
                    double[] max = new double[1];
                    try (Mat grey = new Mat()) {
                        opencv_imgproc.cvtColor(diff, grey, opencv_imgproc.COLOR_BGR2GRAY);
                        opencv_core.minMaxLoc(grey, null, max, null, null, null);
                    }
                    assertThat(max[0]).as("largest difference in %dx%d at %d,%d", box.width(), box.height(), box.x(), box.y())
                            .isLessThanOrEqualTo(1);
                }
            }
        }
    }

    /** Whole view scaled to the screen width, and privacy-blurred as the evidence is. */
    @Test
    void snapshotIsTheWholeViewScaledToTheScreenWidth() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 701, null);
        LatestFrames frames = new LatestFrames();
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            Pavilion pavilion = ShippedModelScenes.pavilion(scene);
            assertThat(frames.latest("p1")).as("no frame held yet").isEmpty();
            frames.whileAnalysed(pavilion, scene.image(), Instant.now(), true, () -> { });
            PavilionSnapshots.Snapshot snapshot = frames.latest("p1").orElseThrow();
            assertThat(snapshot.width()).isEqualTo(PavilionSnapshots.MAX_WIDTH);
            assertThat(snapshot.height()).isEqualTo(540);
            try (BytePointer bytes = new BytePointer(snapshot.jpeg());
                 Mat encoded = new Mat(1, snapshot.jpeg().length, opencv_core.CV_8UC1, bytes);
                 Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
                assertThat(decoded.cols()).isEqualTo(960);
                assertThat(decoded.rows()).isEqualTo(540);
                assertBlurredOutsideTheContainers(decoded, scene.image(), pavilion);
            }
        }
    }

    /**
     * 5,000 cameras held whole frames (2.7 MB each at 1280x720) for evidence: 13.8 GB. Now nothing of
     * a frame outlives its analysis, and the snapshots of all pavilions together stay within the
     * configured bytes however many pavilions send frames.
     */
    @Test
    void memoryHeldStaysWithinTheBoundForAnyNumberOfPavilions() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 703, null);
        long bound = 1_000_000;
        LatestFrames frames = new LatestFrames(bound, Duration.ofMinutes(5));
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            Pavilion template = ShippedModelScenes.pavilion(scene);
            long maxSingle = 0;
            for (int i = 0; i < 300; i++) {
                Pavilion pavilion = renamed(template, "p" + i);
                for (int sample = 0; sample < 3; sample++) {
                    frames.whileAnalysed(pavilion, scene.image(), t0.plusSeconds(60L * sample), true, () -> { });
                }
                maxSingle = Math.max(maxSingle, frames.latest(pavilion.id()).orElseThrow().jpeg().length);
                assertThat(frames.bytesHeld()).isLessThanOrEqualTo(bound);
                assertThat(frames.framesInFlight()).isZero();
            }
            System.out.printf("snapshots: %d bytes held for 300 pavilions (bound %d), largest %d bytes%n",
                    frames.bytesHeld(), bound, maxSingle);
            assertThat(frames.bytesHeld()).as("the bound is used, not far undershot")
                    .isGreaterThan(bound - 2 * maxSingle);
            assertThat(frames.latest("p0")).as("least recently used pavilion dropped").isEmpty();
            assertThat(frames.latest("p299")).as("most recent one kept").isPresent();
            // dropped and asked for: encoded again from its next frame
            frames.whileAnalysed(renamed(template, "p0"), scene.image(), t0.plusSeconds(600), true, () -> { });
            assertThat(frames.latest("p0")).isPresent();
            assertThat(frames.bytesHeld()).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void snapshotIsRefreshedOnlyWhenDueOrAskedFor() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 704, null);
        LatestFrames frames = new LatestFrames(10_000_000, Duration.ofMinutes(5));
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            Pavilion pavilion = ShippedModelScenes.pavilion(scene);
            frames.whileAnalysed(pavilion, scene.image(), t0, true, () -> { });
            frames.whileAnalysed(pavilion, scene.image(), t0.plusSeconds(60), true, () -> { });
            assertThat(frames.latest("p1").orElseThrow().takenAt()).as("not due yet").isEqualTo(t0);
            // asked for: the next frame refreshes it
            frames.whileAnalysed(pavilion, scene.image(), t0.plusSeconds(120), true, () -> { });
            frames.whileAnalysed(pavilion, scene.image(), t0.plusSeconds(180), true, () -> { });
            assertThat(frames.latest("p1").orElseThrow().takenAt()).isEqualTo(t0.plusSeconds(120));
            frames.whileAnalysed(pavilion, scene.image(), t0.plusSeconds(240), false, () -> { });
            assertThat(frames.latest("p1").orElseThrow().takenAt()).as("an unusable frame is never shown")
                    .isEqualTo(t0.plusSeconds(120));
            // nobody looking: refreshed once the refresh interval has passed
            Pavilion unwatched = renamed(pavilion, "p2");
            for (int s : new int[] {0, 60, 299, 300, 420}) {
                frames.whileAnalysed(unwatched, scene.image(), t0.plusSeconds(s), true, () -> { });
            }
            assertThat(frames.latest("p2").orElseThrow().takenAt()).isEqualTo(t0.plusSeconds(300));
        }
    }

    /**
     * More pavilions than max-bytes holds (2,500 cameras against the default 32 MB): one dropped for
     * room used to be encoded again from its very next frame, so every frame was encoded and the
     * snapshot's resize became the camera workers' second largest cost.
     */
    @Test
    void aPavilionDroppedForRoomWaitsForItsRefresh() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 705, null);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            Pavilion template = ShippedModelScenes.pavilion(scene);
            long one = LatestFrames.snapshot(scene.image(), template.containers(), t0).jpeg().length;
            LatestFrames frames = new LatestFrames(one * 5 / 2, Duration.ofMinutes(5));
            for (String id : new String[] {"p0", "p1", "p2"}) {
                frames.whileAnalysed(renamed(template, id), scene.image(), t0, true, () -> { });
            }
            frames.whileAnalysed(renamed(template, "p0"), scene.image(), t0.plusSeconds(60), true, () -> { });
            assertThat(frames.latest("p0")).as("dropped for p2 and not due: not encoded again").isEmpty();
            frames.whileAnalysed(renamed(template, "p0"), scene.image(), t0.plusSeconds(120), true, () -> { });
            assertThat(frames.latest("p0").orElseThrow().takenAt()).as("asked for: encoded from its next frame")
                    .isEqualTo(t0.plusSeconds(120));
            frames.whileAnalysed(renamed(template, "p1"), scene.image(), t0.plusSeconds(300), true, () -> { });
            assertThat(frames.latest("p1").orElseThrow().takenAt()).as("dropped, then due: encoded")
                    .isEqualTo(t0.plusSeconds(300));
            assertThat(frames.bytesHeld()).isLessThanOrEqualTo(one * 5 / 2);
        }
    }

    private static void assertBlurredOutsideTheContainers(Mat stored, Mat frame, Pavilion pavilion) {
        try (Mat original = new Mat(); Mat outside = new Mat(); Mat reference = new Mat();
             Rect all = new Rect(0, 0, 1280, 720); Mat inside1280 = polygonMask(pavilion, all); Mat inside = new Mat();
             org.bytedeco.opencv.opencv_core.Size size = new org.bytedeco.opencv.opencv_core.Size(960, 540);
             org.bytedeco.opencv.opencv_core.Size k = new org.bytedeco.opencv.opencv_core.Size(0, 0)) {
            opencv_imgproc.resize(frame, original, size, 0, 0, opencv_imgproc.INTER_AREA);
            opencv_imgproc.resize(inside1280, inside, size, 0, 0, opencv_imgproc.INTER_NEAREST);
            opencv_core.bitwise_not(inside, outside);
            double in = meanDifference(stored, original, inside);
            double out = meanDifference(stored, original, outside);
            // the reference: the evidence's full-size Gaussian of sigma = width / 40
            opencv_imgproc.GaussianBlur(original, reference, k, 960 / 40.0);
            double toReference = meanDifference(stored, reference, outside);
            double originalToReference = meanDifference(original, reference, outside);
            System.out.printf("snapshot: mean |stored - original| inside %.1f, outside %.1f; outside to a sigma-24"
                    + " blur %.1f (original to it %.1f)%n", in, out, toReference, originalToReference);
            assertThat(in).as("inside the polygons: the picture as it was (JPEG aside)").isLessThan(4);
            assertThat(toReference).as("outside: as blurred as a Gaussian of sigma width/40")
                    .isLessThan(originalToReference / 2);
            assertThat(out).as("outside: blurred").isGreaterThan(2 * in);
        }
    }

    private static double meanDifference(Mat a, Mat b, Mat mask) {
        try (Mat diff = new Mat(); Mat grey = new Mat()) {
            opencv_core.absdiff(a, b, diff);
            opencv_imgproc.cvtColor(diff, grey, opencv_imgproc.COLOR_BGR2GRAY);
            return opencv_core.mean(grey, mask).get(0);
        }
    }

    private static Pavilion renamed(Pavilion p, String id) {
        return new Pavilion(id, p.name(), p.address(), p.district(), p.latitude(), p.longitude(), p.carrierId(),
                p.camera(), p.containers(), p.source());
    }

    /** 255 inside any container polygon, within the crop box. */
    private static Mat polygonMask(Pavilion pavilion, Rect box) {
        Mat mask = new Mat(box.height(), box.width(), opencv_core.CV_8UC1, new Scalar(0));
        try (MatVector polygons = new MatVector()) {
            for (ContainerSpec c : pavilion.containers()) {
                Mat m = new Mat(c.polygon().size(), 1, opencv_core.CV_32SC2);
                for (int i = 0; i < c.polygon().size(); i++) {
                    m.ptr(i).putInt((int) Math.round(c.polygon().get(i).x() * 1280) - box.x());
                    m.ptr(i).putInt(4, (int) Math.round(c.polygon().get(i).y() * 720) - box.y());
                }
                polygons.push_back(m);
            }
            opencv_imgproc.fillPoly(mask, polygons, new Scalar(255));
        }
        // the polygon border itself mixes both sides: judge the interiors and exteriors only
        try (Mat k = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT,
                new org.bytedeco.opencv.opencv_core.Size(7, 7))) {
            Mat eroded = new Mat();
            opencv_imgproc.erode(mask, eroded, k);
            return eroded;
        }
    }
}
