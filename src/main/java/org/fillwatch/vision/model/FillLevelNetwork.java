package org.fillwatch.vision.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The fill-level network: MobileNetV2 features, global average pool, then one linear layer whose
 * 7 outputs are the four heads' logits, in the order given by the constants below. Sigmoid and
 * softmax are applied outside (in the losses and the translator) so training works on logits.
 */
public final class FillLevelNetwork extends AbstractBlock {

    public static final int FILL = 0;
    /** Four state logits: empty, partial, full, overflowing. */
    public static final int STATE = 1;
    public static final int STATES = 4;
    public static final int WASTE_AROUND = 5;
    public static final int PRESENT = 6;
    public static final int OUTPUTS = 7;

    private final MobileNetV2Features features;
    private final Dropout dropout;
    private final Linear heads;

    public FillLevelNetwork() {
        super((byte) 1);
        features = addChildBlock("features", new MobileNetV2Features());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(0.2f).build());
        heads = addChildBlock("heads", Linear.builder().setUnits(OUTPUTS).build());
    }

    public MobileNetV2Features features() {
        return features;
    }

    Linear heads() {
        return heads;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = features.forward(store, inputs, training, params);
        x = dropout.forward(store, x, training, params);
        return heads.forward(store, x, training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        Shape[] pooled = features.getOutputShapes(inputShapes);
        dropout.initialize(manager, dataType, pooled);
        heads.initialize(manager, dataType, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), OUTPUTS)};
    }
}
