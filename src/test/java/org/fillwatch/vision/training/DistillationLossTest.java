package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DistillationLossTest {

    /** The teacher's logits for one crop: fill, 4 states, waste, present. */
    private static final float[] TEACHER = {0.3f, 1.0f, 0.5f, -0.2f, 2.0f, -1.0f, 0.7f};
    private static final float[] TARGETS = {0.6f, 2, 1, 1, 0};
    private static final float[] KNOWN = {1, 1, 1, 1, 0};

    private static double loss(float weight, float[] student, float[] mask) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList labels = new NDList(manager.create(TARGETS, new Shape(1, Sample.LABELS)),
                    manager.create(mask, new Shape(1, Sample.LABELS)),
                    manager.create(TEACHER, new Shape(1, TEACHER.length)));
            NDList predictions = new NDList(manager.create(student, new Shape(1, student.length)));
            return new DistillationLoss(weight).evaluate(labels, predictions).getFloat();
        }
    }

    private static double labelsOnly(float[] student) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList labels = new NDList(manager.create(TARGETS, new Shape(1, Sample.LABELS)),
                    manager.create(KNOWN, new Shape(1, Sample.LABELS)));
            return new MaskedLoss().evaluate(labels, new NDList(manager.create(student, new Shape(1, student.length))))
                    .getFloat();
        }
    }

    private static float[] nudged(int index, float by) {
        float[] s = TEACHER.clone();
        s[index] += by;
        return s;
    }

    @Test
    void withoutTheTeachersShareItIsTheLabelledLoss() {
        float[] student = {-0.4f, 0.2f, 0.9f, 0.1f, -0.5f, 0.3f, 1.5f};
        assertThat(loss(0, student, KNOWN)).isCloseTo(labelsOnly(student), within(1e-5));
    }

    @Test
    void everyHeadIsPulledTowardsTheTeacher() {
        double atTeacher = loss(1, TEACHER, KNOWN);
        for (int head = 0; head < TEACHER.length; head++) {
            assertThat(loss(1, nudged(head, 0.8f), KNOWN)).as("output %d above the teacher's", head).isGreaterThan(atTeacher);
            assertThat(loss(1, nudged(head, -0.8f), KNOWN)).as("output %d below the teacher's", head).isGreaterThan(atTeacher);
        }
    }

    @Test
    void anUnknownFillIsNotCopiedFromTheTeacher() {
        float[] fillUnknown = {0, 1, 1, 1, 0};
        assertThat(loss(1, nudged(0, 3f), fillUnknown)).isCloseTo(loss(1, TEACHER, fillUnknown), within(1e-6));
        assertThat(loss(1, nudged(0, 3f), KNOWN)).isGreaterThan(loss(1, TEACHER, KNOWN) + 0.1);
    }
}
