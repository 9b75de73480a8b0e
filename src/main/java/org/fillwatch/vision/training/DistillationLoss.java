package org.fillwatch.vision.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import org.fillwatch.vision.model.FillLevelNetwork;

/**
 * Knowledge distillation: the labelled loss ({@link MaskedLoss}) mixed with how far the
 * student's heads are from a larger teacher's on the same augmented crop. The teacher's
 * probabilities say more than a 0/1 label: how dirty a photo looks, how close a fill is to a
 * class boundary. Labels: NDList(targets, mask, teacher logits [N, 7]).
 */
final class DistillationLoss extends Loss {

    /** Softens the state distributions so the teacher's runner-up classes carry weight. */
    static final float STATE_TEMPERATURE = 2f;

    private final MaskedLoss labelled = new MaskedLoss();
    private final float weight;

    /** @param weight share of the teacher's term, 0..1; the labels get the rest */
    DistillationLoss(float weight) {
        super("distilled-heads");
        this.weight = weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray hard = labelled.evaluate(new NDList(labels.get(0), labels.get(1)), predictions);
        NDArray soft = towardsTeacher(predictions.singletonOrThrow(), labels.get(2), labels.get(1));
        return hard.mul(1 - weight).add(soft.mul(weight));
    }

    /**
     * Binary cross-entropy of each sigmoid head against the teacher's probability, and the
     * tempered cross-entropy of the state softmax (scaled by T squared so its gradients keep their
     * size). Fill is matched only where fill is known: where a closed lid or a street photo hides
     * it, the teacher's fill is a guess.
     */
    static NDArray towardsTeacher(NDArray student, NDArray teacher, NDArray mask) {
        NDArray all = mask.onesLike().get(new NDIndex(":, 0"));
        NDArray fill = MaskedLoss.binary(MaskedLoss.column(student, FillLevelNetwork.FILL),
                Activation.sigmoid(MaskedLoss.column(teacher, FillLevelNetwork.FILL)),
                MaskedLoss.column(mask, Sample.FILL));
        NDArray waste = MaskedLoss.binary(MaskedLoss.column(student, FillLevelNetwork.WASTE_AROUND),
                Activation.sigmoid(MaskedLoss.column(teacher, FillLevelNetwork.WASTE_AROUND)), all);
        NDArray present = MaskedLoss.binary(MaskedLoss.column(student, FillLevelNetwork.PRESENT),
                Activation.sigmoid(MaskedLoss.column(teacher, FillLevelNetwork.PRESENT)), all);
        NDIndex states = new NDIndex(":, {}:{}", FillLevelNetwork.STATE, FillLevelNetwork.STATE + FillLevelNetwork.STATES);
        NDArray target = teacher.get(states).div(STATE_TEMPERATURE).softmax(1);
        NDArray state = student.get(states).div(STATE_TEMPERATURE).logSoftmax(1).mul(target).sum(new int[] {1}).neg()
                .mean().mul(STATE_TEMPERATURE * STATE_TEMPERATURE);
        return fill.add(waste).add(present.mul(0.5f)).add(state);
    }
}
