package org.fillwatch.vision.model;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads a saved fill-level model folder (metadata.json + DJL weights) and checks it fits the network. */
public final class FillLevelModelFiles {

    static {
        // the service never downloads anything: libtorch comes from the bundled native jar
        System.setProperty("ai.djl.offline", "true");
        // TorchScript's profiling executor re-specialises the fused program and guards every call,
        // with no fuser that applies to oneDNN's calls: about 15 % of a batch of 16 (performance.md)
        if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        }
    }

    private FillLevelModelFiles() {
    }

    /** A loaded model: close it to free its native memory. */
    public record Loaded(Model model, ModelMetadata metadata) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    public static Loaded load(Path dir) {
        ModelMetadata metadata = ModelMetadata.read(dir);
        Path weights = dir.resolve(metadata.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new IllegalStateException("model weights missing: " + weights.toAbsolutePath());
        }
        checkDigest(metadata, weights);
        Model model = Model.newInstance(metadata.name(), "PyTorch");
        try {
            model.setBlock(new FillLevelNetwork());
            // epoch 0 pins the file named in the metadata; DJL would otherwise take the highest epoch present
            model.load(dir, metadata.name(), Map.of("epoch", "0"));
            checkShapes(model, metadata, weights);
            // inference only: without gradients libtorch records no autograd graph
            model.getBlock().freezeParameters(true);
            return new Loaded(model, metadata);
        } catch (Exception e) {
            model.close();
            if (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().contains(weights.toString())) {
                throw (IllegalStateException) e;
            }
            throw new IllegalStateException("model weights unreadable: " + weights.toAbsolutePath() + ": " + e, e);
        }
    }

    /** A truncated or swapped weights file is caught before it is parsed. */
    private static void checkDigest(ModelMetadata metadata, Path weights) {
        if (metadata.weightsSha256() == null) {
            return;
        }
        String actual;
        try {
            actual = ModelMetadata.sha256(weights);
        } catch (IOException e) {
            throw new IllegalStateException("model weights unreadable: " + weights.toAbsolutePath() + ": " + e, e);
        }
        if (!actual.equalsIgnoreCase(metadata.weightsSha256())) {
            throw new IllegalStateException("model weights do not match metadata.json (SHA-256 " + actual + ", expected "
                    + metadata.weightsSha256() + "): " + weights.toAbsolutePath());
        }
    }

    /** A file from a different network would load without complaint: compare every parameter's shape. */
    private static void checkShapes(Model model, ModelMetadata metadata, Path weights) {
        try (NDManager scratch = NDManager.newBaseManager("PyTorch")) {
            FillLevelNetwork reference = new FillLevelNetwork();
            reference.initialize(scratch, DataType.FLOAT32, new Shape(1, 3, metadata.inputSize(), metadata.inputSize()));
            ParameterList expected = reference.getParameters();
            ParameterList actual = model.getBlock().getParameters();
            if (expected.size() != actual.size()) {
                throw new IllegalStateException("model weights do not fit the network: " + weights.toAbsolutePath()
                        + ": " + actual.size() + " parameters, expected " + expected.size());
            }
            for (int i = 0; i < expected.size(); i++) {
                Parameter want = expected.get(i).getValue();
                Parameter got = actual.get(i).getValue();
                if (!got.isInitialized() || !want.getShape().equals(got.getArray().getShape())) {
                    throw new IllegalStateException("model weights do not fit the network: " + weights.toAbsolutePath()
                            + ": parameter " + expected.get(i).getKey() + " has shape "
                            + (got.isInitialized() ? got.getArray().getShape() : "none") + ", expected " + want.getShape());
                }
            }
        }
    }
}
