package org.fillwatch.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A convolution whose batch-norm was folded into its bias (so nothing but weight and bias to
 * train), with TensorFlow "SAME" padding: when the padding needed is odd, the extra row and
 * column go to the bottom and right, unlike PyTorch's symmetric padding. Optional relu6.
 */
public final class FoldedConv extends AbstractBlock {

    private final int kernel;
    private final int stride;
    private final int groups;
    private final boolean relu6;
    private final Parameter weight;
    private final Parameter bias;

    FoldedConv(int in, int out, int kernel, int stride, int groups, boolean relu6) {
        super((byte) 1);
        this.kernel = kernel;
        this.stride = stride;
        this.groups = groups;
        this.relu6 = relu6;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in / groups, kernel, kernel)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build());
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
    }

    int groups() {
        return groups;
    }

    boolean relu6() {
        return relu6;
    }

    Parameter weight() {
        return weight;
    }

    Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long padH = samePadding(h);
        long padW = samePadding(w);
        Shape convPadding = new Shape(0, 0);
        if (padH % 2 == 0 && padW % 2 == 0) {
            // symmetric: the convolution pads by itself, saving a copy of the (often expanded) input
            convPadding = new Shape(padH / 2, padW / 2);
        } else {
            // torch order: (left, right, top, bottom) of the last two axes
            x = x.pad(new Shape(padW / 2, padW - padW / 2, padH / 2, padH - padH / 2), 0);
        }
        NDArray wArr = store.getValue(weight, x.getDevice(), training);
        NDArray bArr = store.getValue(bias, x.getDevice(), training);
        NDArray y = Conv2d.conv2d(x, wArr, bArr, new Shape(stride, stride), convPadding,
                new Shape(1, 1), groups).singletonOrThrow();
        return new NDList(relu6 ? y.clip(0, 6) : y);
    }

    private long samePadding(long size) {
        long outSize = (size + stride - 1) / stride;
        return Math.max((outSize - 1) * stride + kernel - size, 0);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + stride - 1) / stride;
        long w = (in.get(3) + stride - 1) / stride;
        return new Shape[] {new Shape(in.get(0), weight.getShape().get(0), h, w)};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        // shapes are fixed by the constructor
    }

    @Override
    public DataType[] getOutputDataTypes() {
        return new DataType[] {DataType.FLOAT32};
    }
}
