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
                assertThat(weight.toFloatArray()[0]).as("the last weights, back").isCloseTo(6f, within(0f));
            }
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
