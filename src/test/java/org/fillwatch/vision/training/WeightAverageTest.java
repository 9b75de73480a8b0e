package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

class WeightAverageTest {

    @Test
    void averagesTheWeightsStepByStepAndSwapsThemInAndBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            NDArray weight = block.getParameters().get("weight").getArray();
            weight.set(new float[] {1, 1, 1, 1, 1, 1});
            try (WeightAverage average = new WeightAverage(block, 0.5f, manager)) {
                assertThat(average.size()).as("weight and bias").isEqualTo(2);
                weight.set(new float[] {3, 3, 3, 3, 3, 3});
                average.update(); // step 0: d = min(0.5, 1/10) = 0.1: 0.1 * 1 + 0.9 * 3 = 2.8
                weight.set(new float[] {6, 6, 6, 6, 6, 6});
                average.update(); // step 1: d = min(0.5, 2/11): 2/11 * 2.8 + 9/11 * 6 = 5.418...
                average.swap();
                float expected = 2f / 11 * 2.8f + 9f / 11 * 6;
                float[] all = new float[6];
                java.util.Arrays.fill(all, expected);
                assertThat(weight.toFloatArray()).as("the average, now live").containsExactly(all, within(1e-5f));
                average.swap();
                assertThat(weight.toFloatArray()).as("the last weights, back").containsOnly(6f);
            }
        }
    }

    /**
     * The train command's option reaches the training: the same seeded run (bit-reproducible, as the
     * first two runs show) keeps other weights when it keeps their average.
     */
    @Test
    void fineTunerKeepsTheAverageWhenAsked() throws Exception {
        TrainOptions options = TrainOptions.parse(new String[] {"--pretrained", "unused", "--real", "unused", "--out",
                "unused", "--synthetic", "16", "--synthetic-eval", "0", "--size", "64"});
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        try (SyntheticData data = new SyntheticData(options, 64, TrainCommand.CROP_MARGIN, quiet)) {
            byte[] plain = trainedAfterTraining(data.train, 0, quiet);
            byte[] plainAgain = trainedAfterTraining(data.train, 0, quiet);
            byte[] averaged = trainedAfterTraining(data.train, 0.9f, quiet);
            assertThat(plainAgain).as("the same seeded run, twice").containsExactly(plain);
            assertThat(averaged).as("with the weight average kept").isNotEqualTo(plain);
        }
    }

    /** The trained (unfrozen) parameters' bytes after two epochs. */
    private static byte[] trainedAfterTraining(java.util.List<Sample> samples, float ema, java.io.PrintStream log) {
        try (ai.djl.Model model = ai.djl.Model.newInstance("ema-test", "PyTorch")) {
            model.getNDManager().getEngine().setRandomSeed(5);
            org.fillwatch.vision.model.FillLevelNetwork net = new org.fillwatch.vision.model.FillLevelNetwork();
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 64, 64));
            net.features().freezeEarlyLayers(17); // the last feature layer and the heads learn: quick
            org.fillwatch.vision.model.ContainerCropper cropper =
                    new org.fillwatch.vision.model.ContainerCropper(64, TrainCommand.CROP_MARGIN);
            new FineTuner(model, cropper, 8, 11, log, null, 0, ema, 0).train(samples, 2, 1e-3f, () -> { });
            java.io.ByteArrayOutputStream trained = new java.io.ByteArrayOutputStream();
            for (var p : net.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trained.writeBytes(p.getValue().getArray().toByteArray());
                }
            }
            return trained.toByteArray();
        }
    }

    @Test
    void decayRampsUpToTheGivenValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            try (WeightAverage average = new WeightAverage(block, 0.999f, manager)) {
                assertThat(average.decayAt(0)).isCloseTo(0.1f, within(1e-6f));
                assertThat(average.decayAt(90)).isCloseTo(0.91f, within(1e-6f));
                assertThat(average.decayAt(100_000)).isEqualTo(0.999f);
            }
        }
    }

    @Test
    void refusesADecayOutsideZeroToOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(2).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            assertThatThrownBy(() -> new WeightAverage(block, 1f, manager)).hasMessageContaining("--ema");
        }
    }
}
