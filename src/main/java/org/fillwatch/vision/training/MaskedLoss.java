package org.fillwatch.vision.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;
import org.fillwatch.vision.model.FillLevelNetwork;
import org.fillwatch.vision.model.HeadOutputs;

/**
 * Sum of the four heads' losses, each averaged over the examples where its label is known:
 * binary cross-entropy on fill (a soft 0..1 target), waste-around and present, cross-entropy on
 * the state, and binary cross-entropy of the state's overflowing probability where only that is
 * known. Labels: NDList(targets [N,5], mask [N,5]) in {@link Sample}'s order.
 *
 * <p>With an edge weight K > 0 the fill and state losses weigh a crop by 1 + K exp(-(d/0.05)^2),
 * d its true fill's distance to the nearest state boundary: the states are fill bands, and a crop
 * within a few points of a band's edge is where a fill error of 4-5 pp turns into a wrong state.
 */
final class MaskedLoss extends Loss {

    private static final float EDGE_WIDTH = 0.05f;
    private final float edgeWeight;

    MaskedLoss() {
        this(0);
    }

    MaskedLoss(float edgeWeight) {
        super("masked-heads");
        this.edgeWeight = edgeWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray targets = labels.get(0);
        NDArray mask = labels.get(1);
        NDArray fillMask = column(mask, Sample.FILL);
        NDArray emphasis = edgeEmphasis(column(targets, Sample.FILL), fillMask);
        NDArray fill = weighted(binaryPerExample(column(logits, FillLevelNetwork.FILL), column(targets, Sample.FILL)),
                fillMask, emphasis);
        NDArray waste = binary(column(logits, FillLevelNetwork.WASTE_AROUND), column(targets, Sample.WASTE),
                column(mask, Sample.WASTE));
        NDArray present = binary(column(logits, FillLevelNetwork.PRESENT), column(targets, Sample.PRESENT),
                column(mask, Sample.PRESENT));
        NDArray stateLogits = logits.get(new NDIndex(":, {}:{}", FillLevelNetwork.STATE,
                FillLevelNetwork.STATE + FillLevelNetwork.STATES));
        NDArray oneHot = column(targets, Sample.STATE).toType(ai.djl.ndarray.types.DataType.INT64, false)
                .oneHot(FillLevelNetwork.STATES);
        NDArray logProbabilities = stateLogits.logSoftmax(1);
        NDArray stateLoss = logProbabilities.mul(oneHot).sum(new int[] {1}).neg();
        NDArray state = weighted(stateLoss, column(mask, Sample.STATE), emphasis);
        NDArray overflowing = masked(overflowingLoss(logProbabilities, column(targets, Sample.OVERFLOWING)),
                column(mask, Sample.OVERFLOWING));
        return fill.add(state).add(waste).add(present.mul(0.5f)).add(overflowing);
    }

    /**
     * Binary cross-entropy of "the state is overflowing" on the state softmax: log p(overflowing)
     * is its log-probability, log(1 - p) the log-sum-exp of the other three.
     */
    private static NDArray overflowingLoss(NDArray logProbabilities, NDArray y) {
        NDArray logP = column(logProbabilities, HeadOutputs.STATE_NAMES.length - 1);
        NDArray others = logProbabilities.get(new NDIndex(":, 0:{}", HeadOutputs.STATE_NAMES.length - 1));
        NDArray top = others.max(new int[] {1}, true);
        NDArray logNotP = others.sub(top).exp().sum(new int[] {1}).log().add(top.squeeze(1));
        return y.mul(logP).add(y.neg().add(1f).mul(logNotP)).neg();
    }

    static NDArray column(NDArray a, int index) {
        return a.get(new NDIndex(":, {}", index));
    }

    /** Per-example weights: 1, raised near a band edge where the fill is known; null when off. */
    private NDArray edgeEmphasis(NDArray fill, NDArray fillMask) {
        if (edgeWeight <= 0) {
            return null;
        }
        NDArray distance = fill.sub((float) HeadOutputs.EMPTY_BELOW).abs()
                .minimum(fill.sub((float) HeadOutputs.FULL_FROM).abs());
        NDArray bump = distance.div(EDGE_WIDTH).square().neg().exp();
        return bump.mul(fillMask).mul(edgeWeight).add(1f);
    }

    /** Numerically stable BCE with logits: max(x,0) - x*y + log(1 + exp(-|x|)). */
    static NDArray binary(NDArray x, NDArray y, NDArray mask) {
        return masked(binaryPerExample(x, y), mask);
    }

    private static NDArray binaryPerExample(NDArray x, NDArray y) {
        return x.maximum(0).sub(x.mul(y)).add(x.abs().neg().exp().add(1f).log());
    }

    /** Weighted mean over the known labels: the weights move emphasis without changing the loss's scale. */
    private static NDArray weighted(NDArray perExample, NDArray mask, NDArray weights) {
        if (weights == null) {
            return masked(perExample, mask);
        }
        NDArray w = mask.mul(weights);
        return perExample.mul(w).sum().div(w.sum().maximum(1e-6f));
    }

    private static NDArray masked(NDArray perExample, NDArray mask) {
        return perExample.mul(mask).sum().div(mask.sum().maximum(1f));
    }
}
