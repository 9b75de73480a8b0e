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
 */
final class MaskedLoss extends Loss {

    MaskedLoss() {
        super("masked-heads");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray targets = labels.get(0);
        NDArray mask = labels.get(1);
        NDArray fill = binary(column(logits, FillLevelNetwork.FILL), column(targets, Sample.FILL), column(mask, Sample.FILL));
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
        NDArray state = masked(stateLoss, column(mask, Sample.STATE));
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

    /** Numerically stable BCE with logits: max(x,0) - x*y + log(1 + exp(-|x|)). */
    static NDArray binary(NDArray x, NDArray y, NDArray mask) {
        NDArray loss = x.maximum(0).sub(x.mul(y)).add(x.abs().neg().exp().add(1f).log());
        return masked(loss, mask);
    }

    private static NDArray masked(NDArray perExample, NDArray mask) {
        return perExample.mul(mask).sum().div(mask.sum().maximum(1f));
    }
}
