package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.junit.jupiter.api.Test;

/**
 * The shipped model runs as its fused oneDNN program, and the program reads rendered scenes exactly
 * as the DJL network does (the program is built from the same weights; only float rounding differs),
 * at every batch size the service uses.
 */
class FusedInferenceTest {

    @Test
    void fusedProgramReadsCropsAsTheNetworkDoes() throws Exception {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 1700, null);
        try (FillModel fused = new FillModel(FillModelTest.SHIPPED, 0.0, 1, true);
             FillModel network = new FillModel(FillModelTest.SHIPPED, 0.0, 1, false)) {
            assertThat(fused.engine()).isEqualTo("fused program");
            assertThat(network.engine()).isEqualTo("djl network");
            List<CropInput> crops = new ArrayList<>();
            try {
                while (crops.size() < 40) {
                    try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
                        for (ContainerTruth t : scene.containers()) {
                            crops.add(new CropInput("c" + crops.size(), fused.cropper().crop(scene.image(),
                                    ShippedModelScenes.polygon(t)), true));
                        }
                    }
                }
                // 1 and 3 crops (one frame), 16 (a full batch) and all 40 (split into batches by FillModel)
                for (int n : new int[] {1, 3, 16, crops.size()}) {
                    List<ContainerEstimate> want = network.predict(crops.subList(0, n));
                    List<ContainerEstimate> got = fused.predict(crops.subList(0, n));
                    for (int i = 0; i < n; i++) {
                        assertThat(got.get(i).containerId()).isEqualTo(want.get(i).containerId());
                        assertThat(got.get(i).fillPercent()).as("fill of crop %d of %d", i, n)
                                .isCloseTo(want.get(i).fillPercent(), offset(0.05));
                        assertThat(got.get(i).confidence()).isCloseTo(want.get(i).confidence(), offset(1e-3));
                        assertThat(got.get(i).wasteAround()).isCloseTo(want.get(i).wasteAround(), offset(1e-3));
                        if (Math.abs(want.get(i).confidence() - 0.5) > 0.01) {
                            assertThat(got.get(i).state()).isEqualTo(want.get(i).state());
                        }
                    }
                }
            } finally {
                crops.forEach(c -> c.crop().close());
            }
        }
    }
}
