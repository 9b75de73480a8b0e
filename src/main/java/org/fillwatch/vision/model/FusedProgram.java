package org.fillwatch.vision.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained network rewritten, for inference only, as a TorchScript program that calls libtorch's
 * oneDNN convolutions with their weights packed once into oneDNN's own layout and relu6 or the
 * residual add fused into each convolution, over channels-last activations. DJL's NDArray calls
 * reach libtorch's plain convolution, which reorders every weight on every call and runs relu6, the
 * residual add and each layout change as separate passes over memory; the program skips all of that
 * (performance.md, "Fused inference"). Same weights, same arithmetic up to rounding: {@link #compile}
 * checks the program's logits against the DJL network's before it is used. In {@link Precision#BFLOAT16}
 * the activations and packed weights are bfloat16 between the input and the pooling; the pooled
 * features and the heads stay float32. Every program reads the crops' own bytes ({@link
 * CropTensors#pixels}: uint8, N x H x W x 3, BGR) and normalises them itself, where the DJL network
 * reads floats; the stem's weights are stored for B, G, R input.
 */
public final class FusedProgram {

    static final String CLASS_NAME = "FusedFillNet";
    /** Ends the name of a model loaded by {@link #compile}, before its precision's label. */
    private static final String NAME_SUFFIX = "-fused-";
    /** The largest batch checked at load; FillModel never runs more crops in one call. */
    public static final int MAX_BATCH = 16;
    /** Weights are packed for the batch the service runs most (its largest). */
    private static final int PACKED_FOR_BATCH = MAX_BATCH;
    private static final Logger log = LoggerFactory.getLogger(FusedProgram.class);
    /** libtorch's ScalarType codes, as TorchScript source spells a dtype. */
    private static final int FLOAT32_TYPE = 6;
    private static final int BFLOAT16_TYPE = 15;
    /** Layers found wrong when fused, per weights, input size and precision: later loads in this process skip the bisection. */
    private static final Map<String, Set<Integer>> PLAIN_LAYERS = new java.util.concurrent.ConcurrentHashMap<>();

    private FusedProgram() {
    }

    /** Whether {@code model} is a program {@link #compile} built. */
    public static boolean isProgram(Model model) {
        return precisionOf(model) != null;
    }

    /** The precision {@code model} computes in when {@link #compile} built it, else null. */
    public static Precision precisionOf(Model model) {
        for (Precision p : Precision.values()) {
            if (model.getName().endsWith(NAME_SUFFIX + p.label())) {
                return p;
            }
        }
        return null;
    }

    /**
     * Writes the program of {@code djl}'s network, loads it in libtorch and returns it, with the same
     * metadata, once its logits equal the DJL network's on probe crops at every batch size from 1 to
     * {@link #MAX_BATCH} (within {@code precision}'s tolerance); the DJL model is left open for the
     * caller to close. A layer whose fused convolution disagrees on this machine (oneDNN picks its kernels per CPU and shape, and one of
     * them was seen to compute a wrong 960-to-320 projection on an AVX-512 EPYC) is found by bisection
     * and runs as libtorch's plain convolution instead. Fails when libtorch lacks the oneDNN operators
     * (another libtorch build).
     */
    public static FillLevelModelFiles.Loaded compile(FillLevelModelFiles.Loaded djl, Precision precision) throws IOException {
        return compile(djl, precision, null);
    }

    /**
     * As {@link #compile(FillLevelModelFiles.Loaded, Precision)}; {@link Precision#INT8} needs the
     * model's {@code calibration} and builds {@link Int8Program}, checked the same way within int8's
     * tolerance. An int8 program that disagrees is refused whole: it has no plain layers to fall back on.
     */
    public static FillLevelModelFiles.Loaded compile(FillLevelModelFiles.Loaded djl, Precision precision,
                                                     Int8Calibration calibration) throws IOException {
        if (!(djl.model().getBlock() instanceof FillLevelNetwork network)) {
            throw new IllegalArgumentException("not a FillLevelNetwork: " + djl.model().getBlock());
        }
        if (precision == Precision.INT8) {
            return compileInt8(djl, network, calibration);
        }
        int size = djl.metadata().inputSize();
        int layers = network.features().convs().size();
        try (Probes probes = new Probes(djl.model(), size, precision.tolerance())) {
            // a seed only: the program is checked in full either way
            String key = djl.metadata().weightsSha256() == null ? "" : djl.metadata().weightsSha256() + "@" + size + "/" + precision;
            Set<Integer> plain = new TreeSet<>(PLAIN_LAYERS.getOrDefault(key, Set.of()));
            while (true) {
                Model program = load(network, size, plain, djl.metadata().name(), precision);
                int failing = probes.firstFailingBatchOrClose(program);
                if (failing == 0) {
                    if (!key.isEmpty()) {
                        PLAIN_LAYERS.put(key, Set.copyOf(plain));
                    }
                    if (!plain.isEmpty()) {
                        log.info("Fused {} program of {}: layers {} run as plain convolutions on this machine",
                                precision.label(), djl.metadata().name(), plain);
                    }
                    return new FillLevelModelFiles.Loaded(program, djl.metadata());
                }
                program.close();
                if (!plain.add(firstWrongLayer(network, size, plain, layers, probes, failing, djl.metadata().name(), precision))) {
                    throw new IOException("fused program of " + djl.metadata().name() + " differs from the network at batch "
                            + failing + " even with its layers " + plain + " plain");
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("fused program of " + djl.metadata().name() + " not usable: " + e.getMessage(), e);
        }
    }

    private static FillLevelModelFiles.Loaded compileInt8(FillLevelModelFiles.Loaded djl, FillLevelNetwork network,
                                                          Int8Calibration calibration) throws IOException {
        String name = djl.metadata().name();
        if (calibration == null) {
            throw new IOException("int8 program of " + name + " needs its " + Int8Calibration.FILE);
        }
        int size = djl.metadata().inputSize();
        try (Probes probes = new Probes(djl.model(), size, Precision.INT8.tolerance())) {
            Model program = Int8Program.load(network, size, calibration, name + NAME_SUFFIX + Precision.INT8.label());
            int failing = probes.firstFailingBatchOrClose(program);
            if (failing != 0) {
                program.close();
                throw new IOException("int8 program of " + name + " differs from the network by more than "
                        + Precision.INT8.tolerance() + " at batch " + failing);
            }
            return new FillLevelModelFiles.Loaded(program, djl.metadata());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("int8 program of " + name + " not usable: " + e.getMessage(), e);
        }
    }

    private static int firstWrongLayer(FillLevelNetwork network, int size, Set<Integer> plain, int layers,
                                       Probes probes, int batch, String name, Precision precision) throws Exception {
        return turningLayer(layers, from -> {
            Set<Integer> trial = new TreeSet<>(plain);
            for (int i = from; i < layers; i++) {
                trial.add(i);
            }
            try (Model program = load(network, size, trial, name, precision)) {
                return probes.agree(program, batch);
            }
        });
    }

    /** Whether the program with every layer from {@code from} on plain agrees with the network. */
    @FunctionalInterface
    interface AgreesWhenPlainFrom {
        boolean test(int from) throws Exception;
    }

    /**
     * Bisection over "fused before layer k, plain from k on": with every layer plain the program is
     * the network (k = 0 agrees), as it is now it is not (k = layers fails), so some k turns it, and
     * that layer is wrong when fused. log2(layers) programs are built.
     */
    static int turningLayer(int layers, AgreesWhenPlainFrom agrees) throws Exception {
        int agreeing = 0;
        int failing = layers;
        while (failing - agreeing > 1) {
            int mid = (agreeing + failing) / 2;
            if (agrees.test(mid)) {
                agreeing = mid;
            } else {
                failing = mid;
            }
        }
        return agreeing;
    }

    private static Model load(FillLevelNetwork network, int size, Set<Integer> plain, String name, Precision precision)
            throws Exception {
        return loadArchive(archive(network, size, plain, precision), name + NAME_SUFFIX + precision.label());
    }

    /** Writes {@code archive} to a scratch folder and loads it in libtorch as a model called {@code name}. */
    static Model loadArchive(TorchScriptArchive archive, String name) throws Exception {
        Path dir = Files.createTempDirectory("fillwatch-fused-");
        Path file = dir.resolve("model.pt");
        Model program = Model.newInstance(name, "PyTorch");
        try {
            archive.write(file);
            program.load(dir, "model", Map.of());
            return program;
        } catch (Exception e) {
            program.close();
            throw e;
        } finally {
            // libtorch holds what it read; the file is not needed once loaded
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The program's source and its weights, taken from the network as it is now. */
    static TorchScriptArchive archive(FillLevelNetwork network, int inputSize, Set<Integer> plainLayers, Precision precision) {
        return withWeights(new TorchScriptArchive(CLASS_NAME, source(network, inputSize, plainLayers, precision)), network, true)
                .tensorList("p", List.of()).tensorList("q", List.of());
    }

    /**
     * The network's parameters as a program indexes them: w[i], b[i] of convolution i, the heads'
     * last. With {@code bgr} the first convolution's input channels come in OpenCV's order (B, G, R),
     * so a program reads the crops' bytes as they are.
     */
    static TorchScriptArchive withWeights(TorchScriptArchive archive, FillLevelNetwork network, boolean bgr) {
        List<TorchScriptArchive.Tensor> weights = new ArrayList<>();
        List<TorchScriptArchive.Tensor> biases = new ArrayList<>();
        for (FoldedConv conv : network.features().convs()) {
            TorchScriptArchive.Tensor w = tensor(conv.weight());
            weights.add(bgr && weights.isEmpty() ? inputChannelsReversed(w) : w);
            biases.add(tensor(conv.bias()));
        }
        weights.add(tensor(network.heads().getParameters().get("weight")));
        biases.add(tensor(network.heads().getParameters().get("bias")));
        return archive.tensorList("w", weights).tensorList("b", biases);
    }

    static String source(FillLevelNetwork network, int inputSize, Set<Integer> plainLayers, Precision precision) {
        return new Source(network, inputSize, plainLayers, precision).text();
    }

    /** An [out, in, k, k] weight with its input channels in reverse order. */
    static TorchScriptArchive.Tensor inputChannelsReversed(TorchScriptArchive.Tensor w) {
        long[] shape = w.shape();
        int in = (int) shape[1];
        int kernel = (int) (shape[2] * shape[3]);
        float[] from = w.values();
        float[] to = new float[from.length];
        for (int o = 0; o < shape[0]; o++) {
            for (int c = 0; c < in; c++) {
                System.arraycopy(from, (o * in + c) * kernel, to, (o * in + in - 1 - c) * kernel, kernel);
            }
        }
        return new TorchScriptArchive.Tensor(shape, to);
    }

    /**
     * The lines that refuse anything but the crops' bytes: uint8, N x size x size x 3 (BGR). Both
     * programs read that; the DJL network and TorchScript files read normalised floats instead.
     */
    static List<String> pixelInputCheck(int size, String className) {
        return List.of("if x.dim() != 4 or x.size(1) != " + size + " or x.size(2) != " + size + " or x.size(3) != 3 or x.dtype != 0:",
                "  ops.prim.RaiseException(\"" + className + " takes uint8 N x " + size + " x " + size + " x 3 BGR crops\")");
    }

    private static TorchScriptArchive.Tensor tensor(Parameter parameter) {
        NDArray array = parameter.getArray();
        return new TorchScriptArchive.Tensor(array.getShape().getShape(), array.toFloatArray());
    }

    /** Probe crops of every batch size and the DJL network's logits for them, computed once. */
    private static final class Probes implements AutoCloseable {
        private final NDManager manager = NDManager.newBaseManager();
        /** MAX_BATCH crops as their BGR bytes, as the program reads them. */
        private final NDArray pixels;
        /** The network's 7 logits per probe crop. */
        private final List<float[]> expected = new ArrayList<>();
        private final float tolerance;

        Probes(Model djl, int size, float tolerance) throws Exception {
            this.tolerance = tolerance;
            // a smooth pattern, different per crop and channel, within the 1..255 of real crops
            int plane = size * size;
            byte[] bytes = new byte[MAX_BATCH * plane * 3];
            for (int i = 0; i < bytes.length; i++) { // i counts N, C (RGB), H, W; the bytes are N, H, W, C (BGR)
                int crop = i / (3 * plane);
                int channel = i / plane % 3;
                bytes[(crop * plane + i % plane) * 3 + 2 - channel] = (byte) Math.round(128 + 127 * Math.sin(0.0137 * i));
            }
            pixels = manager.create(ByteBuffer.wrap(bytes), new Shape(MAX_BATCH, size, size, 3), DataType.UINT8);
            // crop by crop: the network's answer for a crop does not depend on its batch (within 3e-6)
            try (Predictor<NDList, NDList> reference = djl.newPredictor(new NoopTranslator())) {
                for (int i = 0; i < MAX_BATCH; i++) {
                    float[] crop = new float[3 * plane];
                    CropTensors.normalise(bytes, i * 3 * plane, plane, crop, 0);
                    NDArray input = manager.create(crop, new Shape(1, 3, size, size));
                    expected.add(reference.predict(new NDList(input)).singletonOrThrow().toFloatArray());
                }
            }
        }

        /** As {@link #firstFailingBatch}; a program that cannot even be run is closed before the error goes on. */
        int firstFailingBatchOrClose(Model program) throws Exception {
            try {
                return firstFailingBatch(program);
            } catch (Exception e) {
                program.close();
                throw e;
            }
        }

        /** 0 when the program agrees at every batch size, else the first batch size where it does not. */
        int firstFailingBatch(Model program) throws Exception {
            for (int batch = 1; batch <= MAX_BATCH; batch++) {
                if (!agree(program, batch)) {
                    return batch;
                }
            }
            return 0;
        }

        boolean agree(Model program, int batch) throws Exception {
            try (Predictor<NDList, NDList> fused = program.newPredictor(new NoopTranslator())) {
                NDArray out = fused.predict(new NDList(pixels.get("0:" + batch))).singletonOrThrow();
                if (!out.getShape().equals(new Shape(batch, FillLevelNetwork.OUTPUTS))) {
                    throw new IllegalStateException("fused program returned " + out.getShape() + " for " + batch + " crops");
                }
                float[] got = out.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    if (!(Math.abs(expected.get(i / FillLevelNetwork.OUTPUTS)[i % FillLevelNetwork.OUTPUTS] - got[i]) <= tolerance)) {
                        return false;
                    }
                }
                return true;
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** TorchScript source of the forward pass, one line per operation, shapes fixed by the input size. */
    private static final class Source {
        private final StringBuilder out = new StringBuilder();
        private final List<String> packing = new ArrayList<>();
        private final List<String> body = new ArrayList<>();
        private final List<FoldedConv> convs;
        private final Set<Integer> plainLayers;
        private final boolean bf16;
        private long size;

        Source(FillLevelNetwork network, int inputSize, Set<Integer> plainLayers, Precision precision) {
            this.plainLayers = plainLayers;
            this.bf16 = precision == Precision.BFLOAT16;
            MobileNetV2Features features = network.features();
            convs = features.convs();
            size = inputSize;
            int index = 0;
            conv(index++, "x", null);
            for (InvertedResidual block : features.bottlenecks()) {
                body.add("y = x");
                for (int i = 0; i < block.convs().size(); i++) {
                    boolean last = i == block.convs().size() - 1;
                    conv(index++, "y", last && block.residual() ? "x" : null);
                }
                body.add("x = y");
            }
            conv(index, "x", null);
            body.add("f = torch.mean(" + (bf16 ? "torch.to(x, " + FLOAT32_TYPE + ")" : "x") + ", [2, 3])");
            body.add("return torch.linear(f, self.w[" + convs.size() + "], self.b[" + convs.size() + "])");
            header(inputSize);
        }

        /**
         * One convolution with TensorFlow "SAME" padding (as {@link FoldedConv}): an odd total goes
         * as an explicit pad, extra row and column at the bottom and right. With {@code residual}
         * the convolution's output is added to it in the same oneDNN call.
         */
        private void conv(int index, String var, String residual) {
            FoldedConv conv = convs.get(index);
            int k = conv.kernel();
            int s = conv.stride();
            long in = conv.weight().getShape().get(1) * conv.groups();
            long outSize = (size + s - 1) / s;
            long pad = Math.max((outSize - 1) * s + k - size, 0);
            long symmetric = pad / 2;
            long packedSize = size;
            if (pad % 2 != 0) {
                body.add(var + " = torch.constant_pad_nd(" + var + ", [" + symmetric + ", " + (pad - symmetric) + ", "
                        + symmetric + ", " + (pad - symmetric) + "], 0.)");
                packedSize = size + pad;
                symmetric = 0;
            }
            if (plainLayers.contains(index)) {
                packing.add("packed.append(self.w[" + index + "])"); // keeps p's indices those of w
                plainConv(index, var, residual, symmetric);
                size = outSize;
                return;
            }
            String geometry = "[" + symmetric + ", " + symmetric + "], [" + s + ", " + s + "], [1, 1], " + conv.groups();
            String weight = bf16 ? "torch.to(self.w[" + index + "], " + BFLOAT16_TYPE + ")" : "self.w[" + index + "]";
            packing.add("packed.append(ops.mkldnn._reorder_convolution_weight(" + weight + ", " + geometry
                    + ", [" + PACKED_FOR_BATCH + ", " + in + ", " + packedSize + ", " + packedSize + "]))");
            String weights = "p[" + index + "], b[" + index + "], " + geometry;
            if (residual != null) {
                body.add(var + " = ops.mkldnn._convolution_pointwise(" + var + ", " + residual + ", " + weights
                        + ", \"add\", 1., None, linear, None)");
            } else {
                body.add(var + " = ops.mkldnn._convolution_pointwise(" + var + ", " + weights + ", "
                        + (conv.relu6() ? "\"hardtanh\", relu6" : "\"none\", linear") + ", None)");
            }
            size = outSize;
        }

        /**
         * The same layer through libtorch's plain float32 convolution on NCHW input, as the DJL
         * network runs it (in a bfloat16 program its input is widened and its output narrowed).
         */
        private void plainConv(int index, String var, String residual, long padding) {
            FoldedConv conv = convs.get(index);
            // NCHW as in the network: oneDNN's channels-last kernel may be the one that disagrees
            String input = bf16 ? "torch.to(" + var + ", " + FLOAT32_TYPE + ")" : var;
            String call = "torch.conv2d(torch.contiguous(" + input + "), self.w[" + index + "], self.b[" + index + "], [" + conv.stride() + ", "
                    + conv.stride() + "], [" + padding + ", " + padding + "], [1, 1], " + conv.groups() + ")";
            if (residual != null) {
                call = "torch.add(" + call + ", " + (bf16 ? "torch.to(" + residual + ", " + FLOAT32_TYPE + ")" : residual) + ")";
            } else if (conv.relu6()) {
                call = "torch.clamp(" + call + ", 0., 6.)";
            }
            body.add(var + " = " + (bf16 ? "torch.to(" + call + ", " + BFLOAT16_TYPE + ")" : call));
        }

        private void header(int inputSize) {
            line(0, "class " + CLASS_NAME + "(Module):");
            line(1, "__parameters__ = []");
            line(1, "__buffers__ = []");
            line(1, "training : bool");
            line(1, "w : List[Tensor]");
            line(1, "b : List[Tensor]");
            line(1, "p : List[Tensor]");
            line(1, "q : List[Tensor]");
            line(1, "def forward(self: __torch__." + CLASS_NAME + ", x: Tensor) -> Tensor:");
            pixelInputCheck(inputSize, CLASS_NAME).forEach(l -> line(2, l));
            line(2, "if len(self.p) == 0:");
            line(3, "packed : List[Tensor] = []");
            packing.forEach(l -> line(3, l));
            line(3, "self.p = packed");
            if (bf16) {
                line(3, "self.q = [torch.to(t, " + BFLOAT16_TYPE + ") for t in self.b]");
            }
            line(2, "p = self.p");
            line(2, bf16 ? "b = self.q" : "b = self.b");
            line(2, "relu6 : List[Optional[number]] = [0., 6.]");
            line(2, "linear : List[Optional[number]] = []");
            // the network's (pixel - 128) / 128, exact in float32 and bfloat16; the bytes' N, H, W, C order is channels-last already
            line(2, "x = torch.contiguous(torch.div(torch.sub(torch.to(torch.permute(x, [0, 3, 1, 2]), "
                    + (bf16 ? BFLOAT16_TYPE : FLOAT32_TYPE) + "), 128.), 128.), memory_format=2)");
            body.forEach(l -> line(2, l));
        }

        private void line(int indent, String text) {
            out.append("  ".repeat(indent)).append(text).append('\n');
        }

        String text() {
            return out.toString();
        }
    }
}
