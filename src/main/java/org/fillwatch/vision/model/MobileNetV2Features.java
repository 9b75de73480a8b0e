package org.fillwatch.vision.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * MobileNetV2 1.0 (Sandler et al., 2018) up to the 1280-channel layer and its global average
 * pool: input NCHW RGB scaled to -1..1, output [N, 1280]. The layer table is the paper's; the
 * weights come from {@link PretrainedWeights} or a saved fill-level model.
 */
public final class MobileNetV2Features extends AbstractBlock {

    public static final int FEATURES = 1280;

    /** Expansion t, output channels c, repeats n, first stride s (paper, table 2). */
    private static final int[][] BOTTLENECKS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}
    };

    private final FoldedConv stem;
    private final List<InvertedResidual> bottlenecks = new ArrayList<>();
    private final FoldedConv head;

    public MobileNetV2Features() {
        super((byte) 1);
        stem = addChildBlock("stem", new FoldedConv(3, 32, 3, 2, 1, true));
        int in = 32;
        for (int[] row : BOTTLENECKS) {
            for (int i = 0; i < row[2]; i++) {
                InvertedResidual block = new InvertedResidual(in, row[1], row[0], i == 0 ? row[3] : 1);
                bottlenecks.add(addChildBlock(String.format("bottleneck%02d", bottlenecks.size() + 1), block));
                in = row[1];
            }
        }
        head = addChildBlock("head", new FoldedConv(in, FEATURES, 1, 1, 1, true));
    }

    /** All convolutions in execution order; index i holds the pretrained file's conv i. */
    List<FoldedConv> convs() {
        List<FoldedConv> all = new ArrayList<>();
        all.add(stem);
        bottlenecks.forEach(b -> all.addAll(b.convs()));
        all.add(head);
        return all;
    }

    List<InvertedResidual> bottlenecks() {
        return bottlenecks;
    }

    /**
     * Freezes the stem and the first {@code frozenBottlenecks} of the 17 bottlenecks, leaving
     * the later ones and the 1280 layer trainable: early layers hold generic edges and textures.
     */
    public void freezeEarlyLayers(int frozenBottlenecks) {
        stem.freezeParameters(true);
        for (int i = 0; i < bottlenecks.size(); i++) {
            bottlenecks.get(i).freezeParameters(i < frozenBottlenecks);
        }
        head.freezeParameters(false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = stem.forward(store, inputs, training, params);
        for (InvertedResidual block : bottlenecks) {
            x = block.forward(store, x, training, params);
        }
        x = head.forward(store, x, training, params);
        return new NDList(x.singletonOrThrow().mean(new int[] {3}).mean(new int[] {2}));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        stem.initialize(manager, dataType, shapes);
        shapes = stem.getOutputShapes(shapes);
        for (InvertedResidual block : bottlenecks) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
        head.initialize(manager, dataType, shapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), FEATURES)};
    }
}
