package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
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

    /** Two crops, both with only their fill known: one at the empty/partial edge, one mid-band. */
    private static double fillLoss(float edgeWeight, float edgeFill, float midFill) {
        return fillLoss(new MaskedLoss(edgeWeight), edgeFill, midFill);
    }

    private static double fillLoss(Loss loss, float edgeFill, float midFill) {
        return twoCropLoss(loss, edgeFill, midFill, 0);
    }

    /** As above; with {@code stateKnown} 1 the state labels count too: empty for the edge crop, partial mid-band. */
    private static double twoCropLoss(Loss loss, float edgeFill, float midFill, float stateKnown) {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] targets = {edgeFill, 0, 0, 0, 0, midFill, 1, 0, 0, 0};
            float[] mask = {1, stateKnown, 0, 0, 0, 1, stateKnown, 0, 0, 0};
            NDList labels = new NDList(manager.create(targets, new Shape(2, Sample.LABELS)),
                    manager.create(mask, new Shape(2, Sample.LABELS)));
            float[] logits = new float[2 * LOGITS.length];
            System.arraycopy(LOGITS, 0, logits, 0, LOGITS.length);
            System.arraycopy(LOGITS, 0, logits, LOGITS.length, LOGITS.length);
            logits[0] = -3f; // the edge crop reads about 5 %: a poor fill, the larger loss of the two
            logits[LOGITS.length] = 0f; // the mid-band crop reads 50 %: close
            NDList predictions = new NDList(manager.create(logits, new Shape(2, LOGITS.length)));
            return loss.evaluate(labels, predictions).getFloat();
        }
    }

    private static double bce(double logit, double y) {
        double p = 1 / (1 + Math.exp(-logit));
        return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    }

    @Test
    void theEdgeWeightLeansTheMeanTowardsCropsNearABandEdge() {
        double edge = bce(-3, 0.15);
        double mid = bce(0, 0.45);
        assertThat(fillLoss(0, 0.15f, 0.45f)).as("off: the plain mean").isCloseTo((edge + mid) / 2, within(1e-5));
        // at the edge the crop weighs 1 + 4; mid-band (0.30 from either edge) exp(-36) adds nothing
        assertThat(fillLoss(4, 0.15f, 0.45f)).isCloseTo((5 * edge + mid) / 6, within(1e-5));
        // both far from the edges: weights 1 and 1, the plain mean again
        double far = bce(-3, 0.45);
        assertThat(fillLoss(4, 0.45f, 0.45f)).isCloseTo((far + mid) / 2, within(1e-4));
    }

    @Test
    void theEdgeWeightLeansTheStateLossTheSameWay() {
        double sum = 0;
        for (int i = 1; i <= 4; i++) {
            sum += Math.exp(LOGITS[i]);
        }
        double edgeState = -Math.log(Math.exp(LOGITS[1]) / sum); // the edge crop labelled empty
        double midState = -Math.log(Math.exp(LOGITS[2]) / sum);  // the mid-band crop labelled partial
        double fill = (5 * bce(-3, 0.15) + bce(0, 0.45)) / 6;
        assertThat(twoCropLoss(new MaskedLoss(4), 0.15f, 0.45f, 1))
                .isCloseTo(fill + (5 * edgeState + midState) / 6, within(1e-5));
    }

    @Test
    void theTrainerTrainsWithTheEdgeWeightItIsGiven() {
        double edge = bce(-3, 0.15);
        double mid = bce(0, 0.45);
        FineTuner weighted = new FineTuner(null, null, 8, 1, System.err, null, 0, 0, 4);
        assertThat(fillLoss(weighted.loss(), 0.15f, 0.45f)).isCloseTo((5 * edge + mid) / 6, within(1e-5));
        FineTuner plain = new FineTuner(null, null, 8, 1, System.err);
        assertThat(fillLoss(plain.loss(), 0.15f, 0.45f)).isCloseTo((edge + mid) / 2, within(1e-5));
    }
}
