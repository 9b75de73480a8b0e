package org.fillwatch.vision.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of the trained weights: avg = d * avg + (1 - d) * w after every
 * step, with d = min(decay, (1 + t) / (10 + t)) at step t, so that early on the average follows the
 * weights closely and the randomly initialised heads do not linger in it (with a fixed 0.999 their
 * share after 3,000 steps would still be 5 %). Meant to smooth out where the last batches happened
 * to leave the weights: one recipe's training draws spread by 0.04 on the 206 held-out photos
 * (MODEL.md, session 9). {@link #swap} exchanges the average with the live weights, for validation
 * and for saving.
 */
final class WeightAverage implements AutoCloseable {

    private final NDManager manager;
    private final float decay;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> average = new ArrayList<>();
    private long steps;

    WeightAverage(Block block, float decay, NDManager parent) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("--ema must be between 0 and 1 (exclusive), got " + decay);
        }
        this.decay = decay;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                parameters.add(p.getValue());
                NDArray copy = p.getValue().getArray().duplicate();
                copy.attach(manager);
                average.add(copy);
            }
        }
    }

    /** Folds the live weights into the average; call after each optimiser step. */
    void update() {
        float d = decayAt(steps++);
        for (int i = 0; i < parameters.size(); i++) {
            try (NDArray scaled = parameters.get(i).getArray().mul(1 - d)) {
                average.get(i).muli(d).addi(scaled);
            }
        }
    }

    float decayAt(long step) {
        return Math.min(decay, (1f + step) / (10f + step));
    }

    /** Exchanges the live weights with the average (twice = back where it was). */
    void swap() {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray live = parameters.get(i).getArray();
            try (NDArray held = live.duplicate()) {
                live.set(average.get(i).toByteBuffer());
                average.get(i).set(held.toByteBuffer());
            }
        }
    }

    int size() {
        return parameters.size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
