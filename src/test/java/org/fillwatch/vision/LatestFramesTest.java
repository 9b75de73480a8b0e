package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
            frames.put(pavilion, scene.image());
            ContainerSpec container = pavilion.containers().get(0);
            assertThat(frames.latest("p1", "no-such-container")).isEmpty();
            byte[] jpeg = frames.latest("p1", container.id()).orElseThrow();
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
            }
        }
    }

    @Test
    void snapshotIsTheWholeViewScaledToTheScreenWidth() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 701, null);
        LatestFrames frames = new LatestFrames();
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            Pavilion pavilion = ShippedModelScenes.pavilion(scene);
            assertThat(frames.latest("p1")).as("no frame held yet").isEmpty();
            frames.put(pavilion, scene.image());
            PavilionSnapshots.Snapshot snapshot = frames.latest("p1").orElseThrow();
            assertThat(snapshot.width()).isEqualTo(PavilionSnapshots.MAX_WIDTH);
            assertThat(snapshot.height()).isEqualTo(540);
            try (BytePointer bytes = new BytePointer(snapshot.jpeg());
                 Mat encoded = new Mat(1, snapshot.jpeg().length, opencv_core.CV_8UC1, bytes);
                 Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
                assertThat(decoded.cols()).isEqualTo(960);
                assertThat(decoded.rows()).isEqualTo(540);
            }
        }
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
