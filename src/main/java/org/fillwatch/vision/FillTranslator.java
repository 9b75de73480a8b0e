package org.fillwatch.vision;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayDeque;
import java.util.Deque;
import org.fillwatch.vision.model.CropTensors;
import org.fillwatch.vision.model.HeadOutputs;

/**
 * Pre-processing (crop to normalised CHW tensor) and post-processing (the heads' logits to a
 * {@link ContainerEstimate}) around the fill-level network. The state is the most probable one,
 * but UNKNOWN when the frame was unusable or when the most probable state is less likely than
 * {@code minConfidence}: such readings must not open or close incidents. A usable frame where no
 * container seems to stand (present probability below 0.5) reads ABSENT. Fill and waste-around are reported as the model gives them in every case.
 */
final class FillTranslator implements Translator<CropInput, ContainerEstimate> {

    private static final FillState[] STATES = {FillState.EMPTY, FillState.PARTIAL, FillState.FULL, FillState.OVERFLOWING};
    private static final String INPUT_KEY = "input";

    private final int size;
    private final double minConfidence;

    FillTranslator(int size, double minConfidence) {
        this.size = size;
        this.minConfidence = minConfidence;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, CropInput input) {
        if (input.crop().rows() != size || input.crop().cols() != size) {
            throw new IllegalArgumentException("crop of " + input.containerId() + " is " + input.crop().cols() + "x"
                    + input.crop().rows() + ", the model takes " + size + "x" + size);
        }
        pending(ctx).add(input);
        return new NDList(ctx.getNDManager().create(CropTensors.toChw(input.crop()), new Shape(3, size, size)));
    }

    @Override
    public ContainerEstimate processOutput(TranslatorContext ctx, NDList list) {
        return estimate(pending(ctx).remove(), list.singletonOrThrow().toFloatArray());
    }

    /** DJL shares one context across a batch: inputs queue up and come back out in batch order. */
    @SuppressWarnings("unchecked")
    private static Deque<CropInput> pending(TranslatorContext ctx) {
        Object queue = ctx.getAttachment(INPUT_KEY);
        if (queue == null) {
            queue = new ArrayDeque<CropInput>();
            ctx.setAttachment(INPUT_KEY, queue);
        }
        return (Deque<CropInput>) queue;
    }

    ContainerEstimate estimate(CropInput input, float[] logits) {
        HeadOutputs out = HeadOutputs.decode(logits, 0);
        int best = out.state();
        double confidence = out.states()[best];
        FillState state;
        if (!input.frameUsable()) {
            state = FillState.UNKNOWN;
        } else if (out.present() < 0.5) {
            state = FillState.ABSENT;
        } else {
            state = confidence < minConfidence ? FillState.UNKNOWN : STATES[best];
        }
        return new ContainerEstimate(input.containerId(), 100 * out.fill(), state, confidence, out.wasteAround());
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
