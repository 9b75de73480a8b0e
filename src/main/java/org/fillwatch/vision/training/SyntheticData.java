package org.fillwatch.vision.training;

import java.io.PrintStream;
import java.util.List;

/** TEMPORARY until the scene renderer is merged: no synthetic examples. Not to be committed. */
final class SyntheticData implements AutoCloseable {
    static final long EVAL_SEED_OFFSET = 1_000_003;
    final List<Sample> train = List.of();
    final List<Sample> evaluation = List.of();
    final int trainScenes = 0;
    final int evaluationScenes = 0;
    final long evaluationSeed = 0;

    SyntheticData(TrainOptions options, double cropMargin, PrintStream log) {
    }

    @Override
    public void close() {
    }
}
