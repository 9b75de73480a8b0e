package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MaskedLossTest {

    /** Logits of one crop: fill, 4 states, waste, present. */
    private static final float[] LOGITS = {0.3f, 1.0f, 0.5f, -0.2f, 2.0f, -1.0f, 0.7f};

    private static double loss(float[] targets, float[] mask) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList labels = new NDList(manager.create(targets, new Shape(1, Sample.LABELS)),
                    manager.create(mask, new Shape(1, Sample.LABELS)));
            NDList predictions = new NDList(manager.create(LOGITS, new Shape(1, LOGITS.length)));
            return new MaskedLoss().evaluate(labels, predictions).getFloat();
        }
    }

    private static double overflowingProbability() {
        double sum = 0;
        for (int i = 1; i <= 4; i++) {
            sum += Math.exp(LOGITS[i]);
        }
        return Math.exp(LOGITS[4]) / sum;
    }

    @Test
    void aCleanPhotoPenalisesOnlyTheOverflowingProbability() {
        float[] mask = {0, 0, 0, 0, 1};
        double notOverflowing = loss(new float[] {0, 0, 0, 0, 0}, mask);
        double overflowing = loss(new float[] {0, 0, 0, 0, 1}, mask);

        double p = overflowingProbability();
        assertThat(notOverflowing).isCloseTo(-Math.log(1 - p), within(1e-5));
        assertThat(overflowing).isCloseTo(-Math.log(p), within(1e-5));
    }

    @Test
    void maskedLabelsAddNothing() {
        assertThat(loss(new float[] {0.5f, 2, 1, 1, 1}, new float[] {0, 0, 0, 0, 0})).isZero();
        // the state label alone: plain cross-entropy, unchanged by the overflowing target beside it
        double sum = 0;
        for (int i = 1; i <= 4; i++) {
            sum += Math.exp(LOGITS[i]);
        }
        double partial = -Math.log(Math.exp(LOGITS[2]) / sum);
        assertThat(loss(new float[] {0, 1, 0, 0, 1}, new float[] {0, 1, 0, 0, 0})).isCloseTo(partial, within(1e-5));
    }
}
