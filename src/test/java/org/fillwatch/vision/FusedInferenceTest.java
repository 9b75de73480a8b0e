package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.vision.model.Int8Calibration;
import org.fillwatch.vision.model.ModelMetadata;
import org.fillwatch.vision.model.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped model runs as its fused oneDNN program, and the program reads rendered scenes as the
 * DJL network does (the program is built from the same weights; only rounding differs), at every
 * batch size the service uses.
 */
class FusedInferenceTest {

    /**
     * Observed on these 41 crops: model J (sessions 3-13) fill 3.4 pp at most, 0.7 on average, confidence 0.15 (at a
     * 0.52 tie), waste-around 0.09; model S (session 14) fill 5.5 pp at most on one crop (4.1 with the shipped
     * 400-crop calibration), 0.7 on average, confidence 0.13. The bound on the average is what catches a program
     * off on every crop; the one on a single crop leaves room for the calibration's tail.
     */
    private static final double INT8_FILL_PP = 6.5;
    private static final double INT8_MEAN_FILL_PP = 1.5;
    private static final double INT8_PROBABILITY = 0.2;
    private static final double INT8_TIE = 0.1;

    @Test
    void fusedProgramReadsCropsAsTheNetworkDoes() throws Exception {
        try (FillModel fused = new FillModel(FillModelTest.SHIPPED, 0.0, 1, true, Precision.FLOAT32);
             FillModel network = new FillModel(FillModelTest.SHIPPED, 0.0, 1, false, Precision.FLOAT32)) {
            assertThat(fused.engine()).isEqualTo("fused float32 program");
            assertThat(network.engine()).isEqualTo("djl network");
            assertReadsAlike(fused, network, 0.05, 0.05, 1e-3, 0.01);
        }
    }

    /**
     * bfloat16 rounds every activation to 8 mantissa bits, so the readings move a little (on 41
     * crops at most 0.78 pp of fill, 0.042 of confidence, 0.014 of waste-around; no state changed),
     * never a state that is not a near tie. Only where this CPU computes bfloat16 natively (elsewhere
     * the service runs float32).
     */
    @Test
    void bfloat16ProgramReadsCropsAlmostAsTheNetworkDoes() throws Exception {
        assumeTrue(Precision.forThisCpu() == Precision.BFLOAT16, "no native bfloat16 on this CPU");
        try (FillModel fused = new FillModel(FillModelTest.SHIPPED, 0.0, 1, true, Precision.BFLOAT16);
             FillModel network = new FillModel(FillModelTest.SHIPPED, 0.0, 1, false, Precision.FLOAT32)) {
            assertThat(fused.engine()).isEqualTo("fused bfloat16 program");
            assertReadsAlike(fused, network, 2.0, 2.0, 0.08, 0.1);
        }
    }

    /**
     * int8 with ranges calibrated, by the {@code calibrate-int8} command's own code, on 96 crops of other
     * scenes than the 40 read here: readings move more than bfloat16's but no state changes unless it
     * is a near tie (bfloat16 moves fill 0.78 pp at most on the same crops).
     */
    @Test
    void int8ProgramCalibratedOnOtherScenesReadsCropsNearlyAsTheNetworkDoes(@TempDir Path dir) throws Exception {
        Path model = copyOfShippedModel(dir.resolve("model"));
        ExportEvalSetCommand.export(dir.resolve("calibration"), 96, ShippedModelScenes.TEST_SEED + 2300, 160, null, false);
        Int8Calibration calibration = CalibrateInt8Command.calibrate(model, List.of(dir.resolve("calibration")));
        assertThat(calibration.crops()).isEqualTo(96);
        assertThat(Int8Calibration.read(model, ModelMetadata.read(model)).ranges()).hasSize(17);
        try (FillModel int8 = new FillModel(model, 0.0, 1, true, Precision.INT8);
             FillModel network = new FillModel(FillModelTest.SHIPPED, 0.0, 1, false, Precision.FLOAT32)) {
            assertThat(int8.engine()).isEqualTo("fused int8 program");
            assertReadsAlike(int8, network, INT8_FILL_PP, INT8_MEAN_FILL_PP, INT8_PROBABILITY, INT8_TIE);
        }
    }

    /** Asked for int8 without a calibration file (a per-site model, say), the model still runs, in this CPU's best. */
    @Test
    void int8WithoutCalibrationRunsTheCpusBestPrecisionInstead(@TempDir Path dir) throws Exception {
        Path model = copyOfShippedModel(dir);
        try (FillModel fused = new FillModel(model, 0.0, 1, true, Precision.INT8)) {
            assertThat(fused.engine()).isEqualTo("fused " + Precision.forThisCpu().label() + " program");
        }
    }

    /** auto runs the shipped folder, which carries its calibration, in int8 where the CPU has VNNI; a copy without it in the CPU's best. */
    @Test
    void autoRunsTheCalibratedShippedModelInInt8AndAnUncalibratedCopyInTheCpusBest(@TempDir Path dir) throws Exception {
        assumeTrue(Precision.AUTO.resolve(FillModelTest.SHIPPED) == Precision.INT8, "no int8 dot products (VNNI) on this CPU");
        try (FillModel shipped = new FillModel(FillModelTest.SHIPPED, 0.0, 1, true, Precision.AUTO);
             FillModel copy = new FillModel(copyOfShippedModel(dir), 0.0, 1, true, Precision.AUTO)) {
            assertThat(shipped.engine()).isEqualTo("fused int8 program");
            assertThat(copy.engine()).isEqualTo("fused " + Precision.forThisCpu().label() + " program");
        }
    }

    static Path copyOfShippedModel(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        for (String file : new String[] {"metadata.json", "fill-level-0000.params"}) {
            Files.copy(FillModelTest.SHIPPED.resolve(file), dir.resolve(file));
        }
        return dir;
    }

    /**
     * 40 crops of rendered scenes through both models at the batch sizes the service uses: fill
     * within {@code fillPp} percentage points (and {@code meanFillPp} on average over all of them),
     * confidence and waste-around within {@code probability}, the same state unless the network's
     * confidence is within {@code tie} of 0.5.
     */
    private static void assertReadsAlike(FillModel fused, FillModel network, double fillPp, double meanFillPp,
                                         double probability, double tie) throws Exception {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 1700, null);
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
                            .isCloseTo(want.get(i).fillPercent(), offset(fillPp));
                    assertThat(got.get(i).confidence()).isCloseTo(want.get(i).confidence(), offset(probability));
                    assertThat(got.get(i).wasteAround()).isCloseTo(want.get(i).wasteAround(), offset(probability));
                    if (Math.abs(want.get(i).confidence() - 0.5) > tie) {
                        assertThat(got.get(i).state()).isEqualTo(want.get(i).state());
                    }
                }
                if (n == crops.size()) {
                    double mean = 0;
                    for (int i = 0; i < n; i++) {
                        mean += Math.abs(got.get(i).fillPercent() - want.get(i).fillPercent()) / n;
                    }
                    assertThat(mean).as("mean fill difference over %d crops", n).isLessThanOrEqualTo(meanFillPp);
                }
            }
        } finally {
            crops.forEach(c -> c.crop().close());
        }
    }
}
