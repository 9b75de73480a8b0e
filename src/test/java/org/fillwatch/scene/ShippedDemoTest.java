package org.fillwatch.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;

/**
 * The demo files committed under camera-config/demo are what render-demo makes today: a stale
 * clip or YAML after a renderer change fails here (run render-demo and commit the result).
 */
class ShippedDemoTest {

    private static final Path DEMO = Path.of("camera-config/demo");

    @Test
    void clipsHaveTheAgreedFormatLengthAndSize() throws Exception {
        for (DemoPavilion p : DemoPavilions.all(RenderDemoCommand.WIDTH, RenderDemoCommand.HEIGHT)) {
            Path clip = DEMO.resolve("clips/" + p.id() + ".avi");
            assertThat(Files.size(clip)).as(clip.toString()).isLessThan(4_000_000L);
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
                grabber.start();
                assertThat(grabber.getImageWidth()).isEqualTo(960);
                assertThat(grabber.getImageHeight()).isEqualTo(540);
                assertThat(grabber.getFrameRate()).isEqualTo(2.0);
                assertThat(grabber.getVideoCodecName()).isEqualTo("mpeg4");
                int frames = 0;
                while (grabber.grabImage() != null) {
                    frames++;
                }
                assertThat(frames).as(clip.toString()).isEqualTo(240);
                grabber.stop();
            }
            List<String> truth = Files.readAllLines(DEMO.resolve("clips/" + p.id() + ".truth.csv"));
            assertThat(truth).hasSize(1 + 240 * p.base().containers().size());
        }
    }

    @Test
    void yamlPolygonsAreTheRenderersCurrentOutlines() throws Exception {
        SceneRenderer renderer = new SceneRenderer(2026);
        for (DemoPavilion p : DemoPavilions.all(RenderDemoCommand.WIDTH, RenderDemoCommand.HEIGHT)) {
            try (RenderedScene first = renderer.render(p.at(0, 0))) {
                String expected = PavilionYaml.write(p, "clips/" + p.id() + ".avi", first.containers());
                assertThat(Files.readString(DEMO.resolve(p.id() + ".yaml"))).isEqualTo(expected);
            }
        }
    }
}
