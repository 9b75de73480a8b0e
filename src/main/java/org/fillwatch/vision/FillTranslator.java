package org.fillwatch.vision;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.vision.model.CropTensors;
import org.fillwatch.vision.model.FillLevelNetwork;
import org.fillwatch.vision.model.HeadOutputs;

/**
 * Pre-processing (crops to one input tensor) and post-processing (the heads' logits to a
 * {@link ContainerEstimate} per crop) around the fill-level network. One call takes the crops of
 * one or several frames as a single tensor: a tensor per crop, stacked and split again by DJL,
 * cost more than the network itself for a frame's 3-4 crops. The state is the most probable one,
 * but UNKNOWN when the frame was unusable or when the most probable state is less likely than
 * {@code minConfidence}: such readings must not open or close incidents. A usable frame where no
 * container seems to stand (present probability below 0.5) reads ABSENT. Fill and waste-around are
 * reported as the model gives them in every case.
 */
final class FillTranslator implements Translator<List<CropInput>, List<ContainerEstimate>> {

    private static final FillState[] STATES = {FillState.EMPTY, FillState.PARTIAL, FillState.FULL, FillState.OVERFLOWING};
    private static final String INPUT_KEY = "input";

    private final int size;
    private final double minConfidence;
    /** The model reads the crops' BGR bytes (a fused program) rather than normalised floats (the DJL network, TorchScript). */
    private final boolean pixels;

    FillTranslator(int size, double minConfidence, boolean pixels) {
        this.size = size;
        this.minConfidence = minConfidence;
        this.pixels = pixels;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<CropInput> inputs) {
        List<Mat> crops = new ArrayList<>(inputs.size());
        for (CropInput input : inputs) {
            if (input.crop().rows() != size || input.crop().cols() != size) {
                throw new IllegalArgumentException("crop of " + input.containerId() + " is " + input.crop().cols() + "x"
                        + input.crop().rows() + ", the model takes " + size + "x" + size);
            }
            crops.add(input.crop());
        }
        ctx.setAttachment(INPUT_KEY, inputs);
        return new NDList(pixels ? CropTensors.pixels(ctx.getNDManager(), crops, size)
                : CropTensors.normalised(ctx.getNDManager(), crops, size));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ContainerEstimate> processOutput(TranslatorContext ctx, NDList list) {
        List<CropInput> inputs = (List<CropInput>) ctx.getAttachment(INPUT_KEY);
        float[] logits = list.singletonOrThrow().toFloatArray();
        if (logits.length != inputs.size() * FillLevelNetwork.OUTPUTS) {
            throw new IllegalStateException("model returned " + logits.length + " logits for " + inputs.size() + " crops");
        }
        List<ContainerEstimate> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(estimate(inputs.get(i), logits, i));
        }
        return out;
    }

    /** The estimate of {@code input} from row {@code row} of the [N, 7] logits. */
    ContainerEstimate estimate(CropInput input, float[] logits, int row) {
        HeadOutputs out = HeadOutputs.decode(logits, row);
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

    /** None: the input is already one tensor for all the crops. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
