package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.ConfigProblem;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.PavilionChanged;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.SamplingMode;
import org.fillwatch.pavilion.Thresholds;
import org.junit.jupiter.api.Test;

/** Polygons saved from the ROI editor are used from the next frame on, without restarting the camera. */
class PolygonChangeTest {

    @Test
    void nextFrameIsHandedOverWithTheNewPolygons() throws Exception {
        String clip = Path.of("camera-config/demo/clips/ptr-001.avi").toAbsolutePath().toString();
        Pavilion before = pavilion(new CameraSpec(clip, SamplingMode.CONTINUOUS, Duration.ofMillis(200), null), 0.1);
        LinkedBlockingQueue<Pavilion> handed = new LinkedBlockingQueue<>();
        Pavilions registry = new Pavilions() {
            public List<Pavilion> all() {
                return List.of(before);
            }

            public Optional<Pavilion> find(String id) {
                return Optional.of(before);
            }

            public List<ConfigProblem> problems() {
                return List.of();
            }
        };
        CameraSampler sampler = new CameraSampler(registry, CameraRig.properties(1),
                () -> List.<FrameHandler>of((p, at, frame) -> handed.add(p)), Clock.systemUTC());
        sampler.start();
        try {
            assertThat(handed.poll(20, TimeUnit.SECONDS)).as("a first frame").isEqualTo(before);

            Pavilion moved = pavilion(before.camera(), 0.2);
            sampler.pavilionChanged(new PavilionChanged(moved));
            assertThat(nextOtherThan(handed, before)).isEqualTo(moved);

            // a changed camera cannot be applied without a new stream: the polygons are, the camera stays
            Pavilion otherCamera = pavilion(new CameraSpec("rtsp://10.0.0.9/x", SamplingMode.BURST,
                    Duration.ofSeconds(60), null), 0.3);
            sampler.pavilionChanged(new PavilionChanged(otherCamera));
            Pavilion used = nextOtherThan(handed, moved);
            assertThat(used.containers()).isEqualTo(otherCamera.containers());
            assertThat(used.camera()).isEqualTo(before.camera());
        } finally {
            sampler.stop();
        }
    }

    private static Pavilion nextOtherThan(LinkedBlockingQueue<Pavilion> handed, Pavilion old) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            Pavilion p = handed.poll(200, TimeUnit.MILLISECONDS);
            if (p != null && !p.equals(old)) {
                return p;
            }
        }
        throw new AssertionError("no frame with the changed pavilion within 20 s");
    }

    private static Pavilion pavilion(CameraSpec camera, double left) {
        ContainerSpec c1 = new ContainerSpec("c1", "bin", List.of(new ContainerSpec.Point(left, 0.4),
                new ContainerSpec.Point(left + 0.2, 0.4), new ContainerSpec.Point(left + 0.2, 0.7),
                new ContainerSpec.Point(left, 0.7)), Thresholds.DEFAULT);
        return new Pavilion("ptr-001", "Pavilion", "addr", "Centre", 54.87, 69.14, "carrier-a", camera, List.of(c1),
                "camera-config/demo/ptr-001.yaml");
    }
}
