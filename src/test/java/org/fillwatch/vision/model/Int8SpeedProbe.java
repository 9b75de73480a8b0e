package org.fillwatch.vision.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A speed probe, not a model: how fast libtorch's oneDNN int8 convolutions ({@code onednn::qconv2d_pointwise},
 * weights quantised per output channel, activations uint8, relu6 as a 0..6 range of 255 steps, the
 * residual add fused) run this network's layers, against the bfloat16 program the service runs, on
 * the same crops, alternating. Without {@code --calibrate} the projections' activation ranges are a
 * fixed guess (-12.8..12.7), so the int8 outputs are NOT the model's and only the speed means
 * anything. With {@code --calibrate DIR} each projection's (and residual sum's) range is the min and
 * max the float32 network reaches on DIR's images (class folders, each image a whole crop, as
 * {@code evaluate} reads them), and {@code --check DIR} then compares the int8 program's decisions
 * with the float32 program's on other images: waste around (>= 0.5), state, fill
 * (docs/performance.md, "Session 10"). Calibrate on training images, check on held-out ones.
 *
 * <pre>scripts/bench.sh int8-probe [--model models/fill-level] [--seconds 4] [--calibrate DIR --check DIR]</pre>
 */
public final class Int8SpeedProbe {

    private static final double RELU6_SCALE = 6 / 255.0;
    private static final double GUESSED_SCALE = 0.1;
    private static final int GUESSED_ZERO = 128;

    private Int8SpeedProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of("models/fill-level");
        double seconds = 4;
        Path calibrate = null;
        Path check = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> modelDir = Path.of(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--calibrate" -> calibrate = Path.of(args[i + 1]);
                case "--check" -> check = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if ((calibrate == null) != (check == null)) {
            throw new IllegalArgumentException("--calibrate and --check go together");
        }
        FillLevelModelFiles.Loaded loaded = FillLevelModelFiles.load(modelDir);
        FillLevelNetwork network = (FillLevelNetwork) loaded.model().getBlock();
        int inputSize = loaded.metadata().inputSize();
        double margin = loaded.metadata().cropMargin();
        Map<Integer, double[]> ranges = calibrate == null ? null : Calibration.ranges(network, inputSize, margin, calibrate);
        try (FillLevelModelFiles.Loaded djl = loaded;
             FillLevelModelFiles.Loaded bf16 = FusedProgram.compile(djl, Precision.BFLOAT16);
             Model int8 = int8Program(network, inputSize, ranges);
             NDManager manager = NDManager.newBaseManager();
             Predictor<NDList, NDList> p8 = int8.newPredictor(new NoopTranslator());
             Predictor<NDList, NDList> pb = bf16.model().newPredictor(new NoopTranslator())) {
            int size = djl.metadata().inputSize();
            NDArray crops = manager.arange(0f, 16f * 3 * size * size).reshape(new Shape(16, 3, size, size)).mul(0.0137f).sin();
            float[] a = p8.predict(new NDList(crops.get("0:4"))).singletonOrThrow().toFloatArray();
            float[] b = pb.predict(new NDList(crops.get("0:4"))).singletonOrThrow().toFloatArray();
            float worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            System.out.printf(Locale.ROOT, "%s int8 logits differ from bfloat16 by up to %.2f on the probe pattern%n",
                    ranges == null ? "uncalibrated (speed only)" : "calibrated", worst);
            if (check != null) {
                try (FillLevelModelFiles.Loaded f32 = FusedProgram.compile(djl, Precision.FLOAT32);
                     Predictor<NDList, NDList> pf = f32.model().newPredictor(new NoopTranslator())) {
                    Calibration.compare(pf, p8, inputSize, margin, check);
                }
            }
            for (int batch : new int[] {1, 4, 16}) {
                NDList in = new NDList(crops.get("0:" + batch));
                for (int round = 0; round < 2; round++) {
                    System.out.printf(Locale.ROOT, "batch %2d: int8 %.3f ms/crop, bfloat16 %.3f ms/crop%n", batch,
                            msPerCrop(p8, in, batch, seconds), msPerCrop(pb, in, batch, seconds));
                }
            }
        }
    }

    private static double msPerCrop(Predictor<NDList, NDList> p, NDList in, int batch, double seconds) throws Exception {
        for (int i = 0; i < 20; i++) {
            p.predict(in).close();
        }
        long t0 = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - t0 < seconds * 1e9) {
            p.predict(in).close();
            calls++;
        }
        return (System.nanoTime() - t0) / 1e6 / calls / batch;
    }

    private static Model int8Program(FillLevelNetwork network, int size, Map<Integer, double[]> ranges) throws Exception {
        List<TorchScriptArchive.Tensor> scales = new ArrayList<>();
        for (FoldedConv conv : network.features().convs()) {
            scales.add(perChannelScales(conv.weight().getArray()));
        }
        Path dir = Files.createTempDirectory("fillwatch-int8-probe-");
        FusedProgram.withWeights(new TorchScriptArchive("Int8Probe", source(network, size, ranges)), network)
                .tensorList("p", List.of()).tensorList("q", scales).write(dir.resolve("model.pt"));
        Model model = Model.newInstance("int8-probe", "PyTorch");
        model.load(dir, "model", Map.of());
        return model;
    }

    /** Symmetric int8 per output channel: the channel's largest weight maps to 127. */
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

    /** One convolution of the forward pass: its index, the layer, the variable it reads and writes, the residual added or null. */
    @FunctionalInterface
    interface Layer {
        void accept(int index, FoldedConv conv, String var, String residual);
    }

    /** The network's convolutions in order, {@code assign(to, from)} around each bottleneck (its input kept in x). */
    static void walk(FillLevelNetwork network, Layer conv, java.util.function.BiConsumer<String, String> assign) {
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

    /** A TorchScript module with the tensor lists w, b, p, q, up to its forward's signature. */
    static StringBuilder classHeader(String name) {
        return new StringBuilder("class " + name + """
                (Module):
                  __parameters__ = []
                  __buffers__ = []
                  training : bool
                  w : List[Tensor]
                  b : List[Tensor]
                  p : List[Tensor]
                  q : List[Tensor]
                """).append("  def forward(self: __torch__.").append(name).append(", x: Tensor) -> Tensor:\n");
    }

    /** Scale and zero point of uint8 values covering min..max (and 0). */
    static double[] uint8(double[] range) {
        double lo = Math.min(0, range[0]);
        double hi = Math.max(0, range[1]);
        double scale = Math.max(hi - lo, 1e-6) / 255;
        return new double[] {scale, Math.max(0, Math.min(255, Math.round(-lo / scale)))};
    }

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

    /** {@code ranges}: per projection layer {min, max} of its output (the residual sum where it has one); null: guessed. */
    private static String source(FillLevelNetwork network, int inputSize, Map<Integer, double[]> ranges) {
        List<FoldedConv> convs = network.features().convs();
        List<String> packing = new ArrayList<>();
        List<String> body = new ArrayList<>();
        Map<String, double[]> quant = new HashMap<>(); // variable -> {scale, zero point} of its uint8 values
        quant.put("x", new double[] {1 / 128.0, 128}); // (pixel - 128) / 128 is exact in uint8
        long[] size = {inputSize};
        Int8SpeedProbe.Layer conv = (i, c, var, residual) -> {
            int s = c.stride();
            double[] in = quant.get(var);
            long[] same = samePadding(c, size[0], var, (int) in[1] + ".", body);
            long outSize = same[0];
            long sym = same[1];
            String geometry = "[" + s + ", " + s + "], [" + sym + ", " + sym + "], [1, 1], " + c.groups();
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
            } else if (residual != null) {
                double[] r = quant.get(residual);
                out = ranges == null ? new double[] {GUESSED_SCALE, GUESSED_ZERO} : uint8(ranges.get(i));
                body.add(var + " = ops.onednn.qconv2d_pointwise(" + input + ", " + weights + ", " + residual + ", self.b[" + i
                        + "], " + geometry + ", " + out[0] + ", " + (int) out[1] + ", None, " + r[0] + ", " + (int) r[1]
                        + ", \"sum\", 1., None, none, None)");
            } else {
                out = ranges == null ? new double[] {GUESSED_SCALE, GUESSED_ZERO} : uint8(ranges.get(i));
                body.add(var + " = ops.onednn.qconv2d_pointwise(" + input + ", " + weights + ", self.b[" + i + "], " + geometry
                        + ", " + out[0] + ", " + (int) out[1] + ", None, \"none\", none, None)");
            }
            quant.put(var, out);
            size[0] = outSize;
        };
        walk(network, conv, (to, from) -> {
            body.add(to + " = " + from);
            quant.put(to, quant.get(from));
        });
        body.add("return torch.linear(torch.mean(x, [2, 3]), self.w[" + convs.size() + "], self.b[" + convs.size() + "])");
        StringBuilder out = classHeader("Int8Probe").append("""
                    if len(self.p) == 0:
                      packed : List[Tensor] = []
                """);
        packing.forEach(l -> out.append("      ").append(l).append('\n'));
        out.append("      self.p = packed\n    p = self.p\n");
        out.append("    zp = [torch.zeros([t.size(0)], dtype=4) for t in self.q]\n");
        out.append("    none : List[Optional[number]] = []\n");
        out.append("    x = torch.contiguous(torch.to(torch.clamp(torch.round(torch.add(torch.mul(x, 128.), 128.)), 0., 255.), 0), memory_format=2)\n");
        body.forEach(l -> out.append("    ").append(l).append('\n'));
        return out.toString();
    }
}
