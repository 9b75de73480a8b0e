package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.junit.jupiter.api.Test;

class FrameQualityTest {

    private final FrameQuality quality = new FrameQuality(20, 20);

    @Test
    void renderedSiteIsUsableAndTheSameSiteOutOfFocusIsNot() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 3, null);
        for (int i = 0; i < 4; i++) {
            try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720)); Mat blurred = new Mat();
                 Size kernel = new Size(0, 0)) {
                FrameQuality.Measure sharp = FrameQuality.measure(scene.image());
                opencv_imgproc.GaussianBlur(scene.image(), blurred, kernel, 8);
                FrameQuality.Measure soft = FrameQuality.measure(blurred);
                System.out.printf("rendered scene %d: brightness %.0f, sharpness %.0f; blurred %.1f%n", i,
                        sharp.brightness(), sharp.sharpness(), soft.sharpness());
                assertThat(quality.usable(scene.image())).isTrue();
                assertThat(quality.usable(blurred)).isFalse();
            }
        }
    }

    @Test
    void nearlyBlackFrameIsNotUsable() {
        try (Mat black = new Mat(720, 1280, CV_8UC3, new Scalar(8, 8, 8, 0))) {
            assertThat(FrameQuality.measure(black).brightness()).isLessThan(20);
            assertThat(quality.usable(black)).isFalse();
        }
    }
}
