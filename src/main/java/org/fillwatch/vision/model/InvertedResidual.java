package org.fillwatch.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/** MobileNetV2's bottleneck: 1x1 expand (left out when the factor is 1), 3x3 depthwise, 1x1 linear project, residual add when shapes allow. */
final class InvertedResidual extends AbstractBlock {

    private final List<FoldedConv> convs = new ArrayList<>();
    private final boolean residual;

    InvertedResidual(int in, int out, int expansion, int stride) {
        super((byte) 1);
        int hidden = in * expansion;
        if (expansion != 1) {
            convs.add(addChildBlock("expand", new FoldedConv(in, hidden, 1, 1, 1, true)));
        }
        convs.add(addChildBlock("depthwise", new FoldedConv(hidden, hidden, 3, stride, hidden, true)));
        convs.add(addChildBlock("project", new FoldedConv(hidden, out, 1, 1, 1, false)));
        residual = stride == 1 && in == out;
    }

    List<FoldedConv> convs() {
        return convs;
    }

    boolean residual() {
        return residual;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = inputs;
        for (FoldedConv conv : convs) {
            x = conv.forward(store, x, training, params);
        }
        if (!residual) {
            return x;
        }
        NDArray sum = x.singletonOrThrow().add(inputs.singletonOrThrow());
        return new NDList(sum);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (FoldedConv conv : convs) {
            conv.initialize(manager, dataType, shapes);
            shapes = conv.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (FoldedConv conv : convs) {
            shapes = conv.getOutputShapes(shapes);
        }
        return shapes;
    }
}
