package org.fillwatch.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class RenderDemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void clipIsReadableWithExpectedFrameCountAndSize() throws Exception {
        DemoPavilion p = DemoPavilions.all(320, 180).get(0);
        Path clip = RenderDemoCommand.writePavilion(new SceneRenderer(1), p, dir, 10);
        assertThat(clip).isEqualTo(dir.resolve("clips/ptr-001.avi"));
        int frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(320);
            assertThat(grabber.getImageHeight()).isEqualTo(180);
            assertThat(grabber.getFrameRate()).isEqualTo(2.0);
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                assertThat(f.imageWidth).isEqualTo(320);
                frames++;
            }
            grabber.stop();
        }
        assertThat(frames).isEqualTo(10);
        List<String> csv = Files.readAllLines(dir.resolve("clips/ptr-001.truth.csv"));
        assertThat(csv.get(0)).isEqualTo("time_s,container,fill_percent,overflowing,present");
        assertThat(csv).hasSize(1 + 10 * p.base().containers().size());
        assertThat(csv.get(1)).startsWith("0.0,c1,");
        assertThat(csv.get(csv.size() - 1)).startsWith("4.5,c4,");
    }

    @Test
    @SuppressWarnings("unchecked")
    void yamlFollowsTheConfigurationSchemaWithPolygonsInsideTheFrame() throws Exception {
        for (DemoPavilion p : DemoPavilions.all(320, 180)) {
            RenderDemoCommand.writePavilion(new SceneRenderer(1), p, dir, 1);
            Map<String, Object> y = new Yaml().load(Files.readString(dir.resolve(p.id() + ".yaml")));
            assertThat(y).containsOnlyKeys("id", "name", "address", "district", "location", "carrier", "camera",
                    "containers");
            assertThat(y.get("id")).isEqualTo(p.id());
            assertThat((String) y.get("carrier")).isIn("carrier-a", "carrier-b");
            Map<String, Object> loc = (Map<String, Object>) y.get("location");
            assertThat(((Number) loc.get("latitude")).doubleValue()).isBetween(54.86, 54.89);
            assertThat(((Number) loc.get("longitude")).doubleValue()).isBetween(69.13, 69.17);
            Map<String, Object> cam = (Map<String, Object>) y.get("camera");
            assertThat(cam).containsEntry("url", "clips/" + p.id() + ".avi").containsEntry("mode", "continuous")
                    .containsEntry("interval", "3s");
            List<Map<String, Object>> containers = (List<Map<String, Object>>) y.get("containers");
            assertThat(containers).hasSize(p.base().containers().size());
            for (Map<String, Object> c : containers) {
                assertThat(c).containsOnlyKeys("id", "type", "polygon", "thresholds");
                assertThat(c.get("thresholds")).isEqualTo(Map.of("full", 80, "emptied", 30, "consecutive", 3));
                List<List<Number>> polygon = (List<List<Number>>) c.get("polygon");
                assertThat(polygon).hasSize(4);
                for (List<Number> point : polygon) {
                    assertThat(point).hasSize(2);
                    assertThat(point.get(0).doubleValue()).isBetween(0.0, 1.0);
                    assertThat(point.get(1).doubleValue()).isBetween(0.0, 1.0);
                }
                // top-left is left of top-right and above bottom-left
                assertThat(polygon.get(0).get(0).doubleValue()).isLessThan(polygon.get(1).get(0).doubleValue());
                assertThat(polygon.get(0).get(1).doubleValue()).isLessThan(polygon.get(3).get(1).doubleValue());
            }
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RenderDemoCommand.main(new String[] {"--frames", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--frames");
        assertThatThrownBy(() -> RenderDemoCommand.main(new String[] {"--seed", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--seed");
        assertThatThrownBy(() -> RenderDemoCommand.main(new String[] {"--photos", dir.resolve("none").toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--photos");
    }
}
