package org.fillwatch.vision;

import java.util.ArrayList;
import java.util.List;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.SamplingMode;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;

/** Helpers shared by the tests that run the shipped model on rendered scenes. */
final class ShippedModelScenes {

    /** Not the training seed (42) nor the held-out seed of the model card (42 + 1000003). */
    static final long TEST_SEED = 20_261_125;

    private ShippedModelScenes() {
    }

    static List<ContainerSpec.Point> polygon(ContainerTruth truth) {
        return truth.polygon().stream().map(p -> new ContainerSpec.Point(p[0], p[1])).toList();
    }

    /** A pavilion configured with the rendered containers' polygons. */
    static Pavilion pavilion(RenderedScene scene) {
        List<ContainerSpec> containers = new ArrayList<>();
        for (ContainerTruth t : scene.containers()) {
            containers.add(new ContainerSpec(t.id(), "rendered", polygon(t), Thresholds.DEFAULT));
        }
        return new Pavilion("p1", "Test site", "Street 1", "Centre", 43.2, 76.9, "carrier-1",
                new CameraSpec("file:test.mp4", SamplingMode.values()[0], CameraSpec.DEFAULT_INTERVAL),
                containers, "test-pavilion.yml");
    }
}
