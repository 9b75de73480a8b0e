package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.junit.jupiter.api.Test;

/** The cheap shrink gives the picture that a one-step area resize gives, to a grey level or two. */
class ShrinkTest {

    @Test
    void halvingsMatchAOneStepAreaResize() {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 710, null);
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            for (int[] size : new int[][] {{160, 90}, {640, 360}, {960, 540}, {120, 67}, {1280, 720}}) {
                try (Mat fast = new Mat(); Mat area = new Mat(); Mat diff = new Mat(); Size s = new Size(size[0], size[1])) {
                    Shrink.to(scene.image(), fast, size[0], size[1]);
                    opencv_imgproc.resize(scene.image(), area, s, 0, 0, opencv_imgproc.INTER_AREA);
                    assertThat(fast.cols()).isEqualTo(size[0]);
                    assertThat(fast.rows()).isEqualTo(size[1]);
                    opencv_core.absdiff(fast, area, diff);
                    double mean = opencv_core.mean(diff).get(0);
                    // whole factors: the same averages up to rounding; others end with a bilinear step
                    assertThat(mean).as("%dx%d", size[0], size[1]).isLessThan(1280 % size[0] == 0 && 720 % size[1] == 0 ? 1.0 : 4.0);
                }
            }
        }
    }

    @Test
    void heightKeepsTheAspectRatio() {
        try (Mat frame = new Mat(1080, 1920, opencv_core.CV_8UC3)) {
            assertThat(Shrink.heightAt(frame, 160)).isEqualTo(90);
            assertThat(Shrink.heightAt(frame, 640)).isEqualTo(360);
        }
    }
}
