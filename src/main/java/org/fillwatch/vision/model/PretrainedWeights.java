package org.fillwatch.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the ImageNet MobileNetV2 weights (mobilenet_v2_1.0_224_float_oihw.npz, batch-norm folded)
 * into a {@link MobileNetV2Features}, after checking that the layer plan in
 * mobilenet_v2_1.0_224_plan.json describes the same network as the code (strides, groups,
 * kernels, activations, residual adds), so a mismatched file fails loudly instead of silently.
 */
public final class PretrainedWeights {

    public static final String WEIGHTS_FILE = "mobilenet_v2_1.0_224_float_oihw.npz";
    public static final String PLAN_FILE = "mobilenet_v2_1.0_224_plan.json";

    private PretrainedWeights() {
    }

    /** The pretrained folder: system property, then environment variable, then ../shared/pretrained. */
    public static Path defaultDirectory() {
        String dir = System.getProperty("fillwatch.pretrained");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("FILLWATCH_PRETRAINED");
        }
        return Path.of(dir == null || dir.isBlank() ? "../shared/pretrained" : dir);
    }

    /** Loads the weights into an initialized block. */
    public static void load(MobileNetV2Features block, Path directory, NDManager manager) throws IOException {
        List<FoldedConv> convs = block.convs();
        checkPlan(block, directory.resolve(PLAN_FILE));
        Path npz = directory.resolve(WEIGHTS_FILE);
        try (NDManager scratch = manager.newSubManager(); InputStream in = Files.newInputStream(npz)) {
            NDList arrays = NDList.decode(scratch, in);
            Map<String, NDArray> byName = new HashMap<>();
            arrays.forEach(a -> byName.put(a.getName(), a));
            for (int i = 0; i < convs.size(); i++) {
                copy(byName, String.format("conv%02d_w", i), convs.get(i).weight().getArray(), npz);
                copy(byName, String.format("conv%02d_b", i), convs.get(i).bias().getArray(), npz);
            }
        }
    }

    private static void copy(Map<String, NDArray> arrays, String name, NDArray target, Path file) {
        NDArray source = arrays.get(name);
        if (source == null) {
            throw new IllegalArgumentException(file + ": array " + name + " is missing");
        }
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException(file + ": array " + name + " has shape " + source.getShape()
                    + ", the network needs " + target.getShape());
        }
        target.set(source.toFloatArray());
    }

    private static void checkPlan(MobileNetV2Features block, Path planFile) throws IOException {
        JsonObject plan = JsonParser.parseString(Files.readString(planFile)).getAsJsonObject();
        List<JsonObject> convOps = new ArrayList<>();
        int adds = 0;
        for (JsonElement e : plan.getAsJsonArray("plan")) {
            JsonObject op = e.getAsJsonObject();
            String kind = op.get("op").getAsString();
            if ("conv".equals(kind)) {
                convOps.add(op);
            } else if ("add".equals(kind)) {
                adds++;
            }
        }
        List<FoldedConv> convs = block.convs();
        // the plan's last conv is the ImageNet classifier, which is not part of the features
        if (convOps.size() != convs.size() + 1) {
            throw new IllegalArgumentException(planFile + ": " + convOps.size() + " convolutions, expected "
                    + (convs.size() + 1));
        }
        for (int i = 0; i < convs.size(); i++) {
            JsonObject op = convOps.get(i);
            FoldedConv conv = convs.get(i);
            boolean relu6 = op.has("act") && !op.get("act").isJsonNull() && "relu6".equals(op.get("act").getAsString());
            if (op.get("conv").getAsInt() != i || op.get("stride").getAsInt() != conv.stride()
                    || op.get("groups").getAsInt() != conv.groups() || op.get("kernel").getAsInt() != conv.kernel()
                    || relu6 != conv.relu6() || !"TF_SAME".equals(op.get("padding").getAsString())) {
                throw new IllegalArgumentException(planFile + ": conv " + i + " (" + op + ") differs from the network");
            }
        }
        long residuals = block.bottlenecks().stream().filter(InvertedResidual::residual).count();
        if (adds != residuals) {
            throw new IllegalArgumentException(planFile + ": " + adds + " residual adds, the network has " + residuals);
        }
    }

}
