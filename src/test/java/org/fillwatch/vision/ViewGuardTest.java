package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.junit.jupiter.api.Test;

class ViewGuardTest {

    private final List<Object> published = new ArrayList<>();

    @Test
    void reportsTamperingAfterKSamplesInARowOnceAndTheRestoredViewAfterKGoodOnes() {
        ViewGuard guard = new ViewGuard(TamperSettings.defaults(), published::add);
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 600, null);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720));
             Mat black = new Mat(720, 1280, CV_8UC3, new Scalar(2, 2, 2, 0))) {
            Pavilion pavilion = ShippedModelScenes.pavilion(scene);
            boolean usable = new FrameQuality(20, 20).usable(scene.image());
            assertThat(guard.check(pavilion, t0, scene.image(), usable)).isEqualTo(ViewCheck.Verdict.GOOD);
            Mat[] sequence = {black, black, scene.image(), black, black, black, black, scene.image(), scene.image(),
                scene.image()};
            for (int i = 0; i < sequence.length; i++) {
                guard.check(pavilion, t0.plusSeconds(i + 1), sequence[i], sequence[i] != black && usable);
            }
            assertThat(published).containsExactly(new ViewTampered("p1", t0.plusSeconds(6), "black"),
                    new ViewRestored("p1", t0.plusSeconds(10)));
        }
    }

    @Test
    void aMovedViewIsReportedOnlyAfterTheMovedSamples() {
        ViewGuard guard = new ViewGuard(TamperSettings.defaults(), published::add);
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 602, null);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720)); Mat m = shiftMatrix(60, 0);
             Mat shifted = new Mat()) {
            org.bytedeco.opencv.global.opencv_imgproc.warpAffine(scene.image(), shifted, m, scene.image().size());
            Pavilion pavilion = ShippedModelScenes.pavilion(scene);
            guard.check(pavilion, t0, scene.image(), true);
            for (int i = 1; i <= 10; i++) {
                assertThat(published).as("after %d moved samples", i - 1).isEmpty();
                assertThat(guard.check(pavilion, t0.plusSeconds(i), shifted, true)).isEqualTo(ViewCheck.Verdict.MOVED);
            }
            assertThat(published).containsExactly(new ViewTampered("p1", t0.plusSeconds(10), "moved"));
        }
    }

    @Test
    void frameAnalyzerReadsEveryContainerUnknownOnATamperedView() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 601, null);
        try (FillModel model = new FillModel(FillModelTest.SHIPPED, 0.5, 1);
             RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            FrameAnalyzer analyzer = new FrameAnalyzer(model, new FrameQuality(20, 20), published::add);
            Pavilion pavilion = ShippedModelScenes.pavilion(scene);
            analyzer.onFrame(pavilion, Instant.now(), scene.image());
            try (Mat shifted = new Mat()) {
                org.bytedeco.opencv.global.opencv_imgproc.warpAffine(scene.image(), shifted,
                        shiftMatrix(60, 0), scene.image().size());
                analyzer.onFrame(pavilion, Instant.now(), shifted);
            }
            List<FrameAnalysed> frames = published.stream().filter(FrameAnalysed.class::isInstance)
                    .map(FrameAnalysed.class::cast).toList();
            assertThat(frames.get(0).estimates()).anySatisfy(e -> assertThat(e.state()).isNotEqualTo(FillState.UNKNOWN));
            assertThat(frames.get(1).estimates()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.state()).isEqualTo(FillState.UNKNOWN));
        }
    }

    private static Mat shiftMatrix(double dx, double dy) {
        Mat m = new Mat(2, 3, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(0));
        m.ptr(0, 0).putDouble(1);
        m.ptr(1, 1).putDouble(1);
        m.ptr(0, 2).putDouble(dx);
        m.ptr(1, 2).putDouble(dy);
        return m;
    }
}
