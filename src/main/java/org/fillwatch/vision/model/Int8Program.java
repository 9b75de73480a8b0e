package org.fillwatch.vision.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The network as libtorch's oneDNN int8 convolutions ({@code onednn::qconv2d_pointwise}): weights
 * quantised symmetrically per output channel, activations uint8. A relu6 output is exactly the
 * uint8 range 0..6 in 255 steps, so only the projections (and the residual sums they are fused
 * with) need measured ranges: those come from {@link Int8Calibration}. The last convolution returns
 * float32, so the pooling and the heads compute as in the float32 program. Built and checked by
 * {@link FusedProgram#compile(FillLevelModelFiles.Loaded, Precision, Int8Calibration)}.
 */
final class Int8Program {

    static final String CLASS_NAME = "FusedFillNetInt8";
    private static final String RANGES_CLASS = "ProjectionRanges";
    private static final double RELU6_SCALE = 6 / 255.0;

    private Int8Program() {
    }

    /** One convolution of the forward pass: its index, the layer, the variable it reads and writes, the residual added or null. */
    @FunctionalInterface
    interface Layer {
        void accept(int index, FoldedConv conv, String var, String residual);
    }

    static Model load(FillLevelNetwork network, int size, Int8Calibration calibration, String name) throws Exception {
        List<TorchScriptArchive.Tensor> scales = new ArrayList<>();
        for (FoldedConv conv : network.features().convs()) {
            scales.add(perChannelScales(conv.weight().getArray()));
        }
        TorchScriptArchive archive = FusedProgram.withWeights(new TorchScriptArchive(CLASS_NAME,
                source(network, size, calibration.ranges())), network, true).tensorList("p", List.of()).tensorList("q", scales)
                .tensorList("z", List.of());
        return FusedProgram.loadArchive(archive, name);
    }

    /** The float32 network that returns, per projection, the min and max of its output ({@link #projections} order). */
    static Model rangeProgram(FillLevelNetwork network, int size) throws Exception {
        String source = rangeSource(network, size, new ArrayList<>());
        return FusedProgram.loadArchive(FusedProgram.withWeights(new TorchScriptArchive(RANGES_CLASS, source), network, false)
                .tensorList("p", List.of()).tensorList("q", List.of()).tensorList("z", List.of()), "int8-ranges");
    }

    /** Indices of the layers whose output range calibration measures: those without relu6. */
    static List<Integer> projections(FillLevelNetwork network, int size) {
        List<Integer> layers = new ArrayList<>();
        rangeSource(network, size, layers);
        return layers;
    }

    /** The network's convolutions in order, {@code assign(to, from)} around each bottleneck (its input kept in x). */
    static void walk(FillLevelNetwork network, Layer conv, BiConsumer<String, String> assign) {
        List<FoldedConv> convs = network.features().convs();
        int i = 0;
        conv.accept(i, convs.get(i++), "x", null);
        for (InvertedResidual block : network.features().bottlenecks()) {
            assign.accept("y", "x");
            for (int j = 0; j < block.convs().size(); j++) {
                conv.accept(i, convs.get(i++), "y", j == block.convs().size() - 1 && block.residual() ? "x" : null);
            }
            assign.accept("x", "y");
        }
        conv.accept(i, convs.get(i), "x", null);
    }

    /**
     * TensorFlow "SAME" padding of one convolution on a {@code size} input: an odd total goes as an
     * explicit pad of {@code fill}, the extra row and column at the bottom and right.
     * @return the output size and the symmetric padding left for the convolution itself
     */
    static long[] samePadding(FoldedConv c, long size, String var, String fill, List<String> body) {
        int s = c.stride();
        long outSize = (size + s - 1) / s;
        long pad = Math.max((outSize - 1) * s + c.kernel() - size, 0);
        long sym = pad / 2;
        if (pad % 2 != 0) {
            body.add(var + " = torch.constant_pad_nd(" + var + ", [" + sym + ", " + (pad - sym) + ", " + sym + ", "
                    + (pad - sym) + "], " + fill + ")");
            sym = 0;
        }
        return new long[] {outSize, sym};
    }

    /** Scale and zero point of uint8 values covering min..max (and 0). */
    static double[] uint8(double[] range) {
        double lo = Math.min(0, range[0]);
        double hi = Math.max(0, range[1]);
        double scale = Math.max(hi - lo, 1e-6) / 255;
        return new double[] {scale, Math.max(0, Math.min(255, Math.round(-lo / scale)))};
    }

    /** Symmetric int8 per output channel: the channel's largest weight maps to 127. */
    static TorchScriptArchive.Tensor perChannelScales(NDArray w) {
        float[] values = w.toFloatArray();
        int out = (int) w.getShape().get(0);
        int per = values.length / out;
        float[] scales = new float[out];
        for (int o = 0; o < out; o++) {
            float max = 1e-8f;
            for (int k = 0; k < per; k++) {
                max = Math.max(max, Math.abs(values[o * per + k]));
            }
            scales[o] = max / 127f;
        }
        return new TorchScriptArchive.Tensor(new long[] {out}, scales);
    }

    /** @param ranges per projection layer {min, max} of its output (the residual sum where it has one) */
    static String source(FillLevelNetwork network, int inputSize, Map<Integer, double[]> ranges) {
        List<FoldedConv> convs = network.features().convs();
        List<String> packing = new ArrayList<>();
        List<String> body = new ArrayList<>();
        Map<String, double[]> quant = new HashMap<>(); // variable -> {scale, zero point} of its uint8 values
        quant.put("x", new double[] {1 / 128.0, 128}); // the crop's bytes are (pixel - 128) / 128 in uint8 as they are
        long[] size = {inputSize};
        walk(network, (i, c, var, residual) -> {
            int s = c.stride();
            double[] in = quant.get(var);
            long[] same = samePadding(c, size[0], var, (int) in[1] + ".", body);
            String geometry = "[" + s + ", " + s + "], [" + same[1] + ", " + same[1] + "], [1, 1], " + c.groups();
            packing.add("packed.append(ops.onednn.qconv_prepack(torch.to(torch.clamp(torch.round(torch.div(self.w[" + i
                    + "], torch.reshape(self.q[" + i + "], [-1, 1, 1, 1]))), -128., 127.), 1), self.q[" + i + "], " + in[0]
                    + ", " + (int) in[1] + ", " + geometry + ", None))");
            String weights = "p[" + i + "], self.q[" + i + "], zp[" + i + "]";
            String input = var + ", " + in[0] + ", " + (int) in[1];
            double[] out;
            if (i == convs.size() - 1) { // float output for the pooling and the heads
                body.add(var + " = torch.clamp(ops.onednn.qconv2d_pointwise(" + input + ", " + weights + ", self.b[" + i + "], "
                        + geometry + ", 1., 0, 6, \"relu\", none, None), 0., 6.)");
                out = new double[] {1, 0};
            } else if (c.relu6()) { // uint8 saturates at 255 steps of 6/255: relu6
                out = new double[] {RELU6_SCALE, 0};
                body.add(var + " = ops.onednn.qconv2d_pointwise(" + input + ", " + weights + ", self.b[" + i + "], " + geometry
                        + ", " + out[0] + ", 0, None, \"relu\", none, None)");
            } else {
                out = uint8(range(ranges, i));
                if (residual != null) {
                    double[] r = quant.get(residual);
                    body.add(var + " = ops.onednn.qconv2d_pointwise(" + input + ", " + weights + ", " + residual + ", self.b[" + i
                            + "], " + geometry + ", " + out[0] + ", " + (int) out[1] + ", None, " + r[0] + ", " + (int) r[1]
                            + ", \"sum\", 1., None, none, None)");
                } else {
                    body.add(var + " = ops.onednn.qconv2d_pointwise(" + input + ", " + weights + ", self.b[" + i + "], " + geometry
                            + ", " + out[0] + ", " + (int) out[1] + ", None, \"none\", none, None)");
                }
            }
            quant.put(var, out);
            size[0] = same[0];
        }, (to, from) -> {
            body.add(to + " = " + from);
            quant.put(to, quant.get(from));
        });
        body.add("return torch.linear(torch.mean(x, [2, 3]), self.w[" + convs.size() + "], self.b[" + convs.size() + "])");
        StringBuilder out = classHeader(CLASS_NAME);
        FusedProgram.pixelInputCheck(inputSize, CLASS_NAME).forEach(l -> out.append("    ").append(l).append('\n'));
        out.append("""
                    if len(self.p) == 0:
                      packed : List[Tensor] = []
                """);
        packing.forEach(l -> out.append("      ").append(l).append('\n'));
        // the weights' zero points (all 0: symmetric), made once rather than 52 tensors per call
        out.append("      self.z = [torch.zeros([t.size(0)], dtype=4) for t in self.q]\n");
        out.append("      self.p = packed\n    p = self.p\n    zp = self.z\n");
        out.append("    none : List[Optional[number]] = []\n");
        out.append("    x = torch.contiguous(torch.permute(x, [0, 3, 1, 2]), memory_format=2)\n");
        body.forEach(l -> out.append("    ").append(l).append('\n'));
        return out.toString();
    }

    private static double[] range(Map<Integer, double[]> ranges, int layer) {
        double[] range = ranges.get(layer);
        if (range == null) {
            throw new IllegalArgumentException("int8 calibration has no range for layer " + layer);
        }
        return range;
    }

    /** float32 NCHW forward pass that returns, per projection, the min and max of its output; fills {@code layers}. */
    private static String rangeSource(FillLevelNetwork network, int inputSize, List<Integer> layers) {
        List<String> body = new ArrayList<>();
        long[] size = {inputSize};
        walk(network, (i, c, var, residual) -> {
            int s = c.stride();
            long[] same = samePadding(c, size[0], var, "0.", body);
            String call = "torch.conv2d(" + var + ", self.w[" + i + "], self.b[" + i + "], [" + s + ", " + s + "], [" + same[1] + ", "
                    + same[1] + "], [1, 1], " + c.groups() + ")";
            if (c.relu6()) {
                body.add(var + " = torch.clamp(" + call + ", 0., 6.)");
            } else {
                body.add(var + " = " + (residual == null ? call : "torch.add(" + call + ", " + residual + ")"));
                body.add("r.append(torch.min(" + var + "))");
                body.add("r.append(torch.max(" + var + "))");
                layers.add(i);
            }
            size[0] = same[0];
        }, (to, from) -> body.add(to + " = " + from));
        StringBuilder out = classHeader(RANGES_CLASS)
                .append("    if x.size(2) != ").append(inputSize).append(" or x.size(3) != ").append(inputSize).append(":\n")
                .append("      ops.prim.RaiseException(\"").append(RANGES_CLASS).append(" takes ").append(inputSize).append(" x ")
                .append(inputSize).append(" px crops\")\n")
                .append("    r : List[Tensor] = []\n");
        body.forEach(l -> out.append("    ").append(l).append('\n'));
        out.append("    return torch.stack(r)\n");
        return out.toString();
    }

    /** A TorchScript module with the tensor lists w, b, p, q, z, up to its forward's first line. */
    private static StringBuilder classHeader(String name) {
        return new StringBuilder("class " + name + """
                (Module):
                  __parameters__ = []
                  __buffers__ = []
                  training : bool
                  w : List[Tensor]
                  b : List[Tensor]
                  p : List[Tensor]
                  q : List[Tensor]
                  z : List[Tensor]
                """).append("  def forward(self: __torch__.").append(name).append(", x: Tensor) -> Tensor:\n");
    }
}
