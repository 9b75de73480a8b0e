package org.fillwatch.vision;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fillwatch.vision.model.CropTensors;
import org.fillwatch.vision.model.FillLevelModelFiles;
import org.fillwatch.vision.model.FillLevelNetwork;
import org.fillwatch.vision.model.FusedProgram;
import org.fillwatch.vision.model.Int8Calibration;
import org.fillwatch.vision.model.ModelMetadata;
import org.fillwatch.vision.model.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a model folder in either format its metadata.json names in {@code format}: {@code djl}
 * (the default: the project's network and its DJL weights) or {@code torchscript} (bring your own
 * model: {@code model.pt} that takes float NCHW RGB crops normalised as {@link CropTensors} says
 * and returns one [N, 7] tensor of logits in {@link FillLevelNetwork}'s order). Both end up behind
 * the same translator and predictor pool in {@link FillModel}.
 */
final class ModelFolders {

    private static final Logger log = LoggerFactory.getLogger(ModelFolders.class);

    static final String TORCHSCRIPT = "torchscript";
    static final String TORCHSCRIPT_FILE = "model.pt";

    private ModelFolders() {
    }

    /**
     * @param fused a djl-format model runs as its {@link FusedProgram} (same weights, several times
     *              faster) unless that cannot be built here; false keeps the DJL network
     * @param precision the fused program's number format; {@link Precision#AUTO} is decided for this folder
     */
    static FillLevelModelFiles.Loaded load(Path dir, boolean fused, Precision precision) {
        String format = field(dir, "format", "djl");
        if ("djl".equals(format)) {
            FillLevelModelFiles.Loaded network = FillLevelModelFiles.load(dir);
            return fused ? fusedOrNetwork(network, dir, precision.resolve(dir)) : network;
        }
        if (!TORCHSCRIPT.equals(format)) {
            throw new IllegalStateException(dir.resolve(ModelMetadata.FILE).toAbsolutePath()
                    + ": field format must be djl or torchscript, got '" + format + "'");
        }
        return torchScript(dir);
    }

    private static FillLevelModelFiles.Loaded fusedOrNetwork(FillLevelModelFiles.Loaded network, Path dir,
                                                             Precision precision) {
        try {
            Int8Calibration calibration = precision == Precision.INT8 ? Int8Calibration.read(dir, network.metadata()) : null;
            FillLevelModelFiles.Loaded program = FusedProgram.compile(network, precision, calibration);
            network.close();
            log.debug("Model {}: fused {} inference program built and checked against the network", dir, precision.label());
            return program;
        } catch (IOException | RuntimeException e) {
            Precision instead = precision.fallback();
            if (instead != null) {
                log.warn("Model {}: fused {} inference not available, trying {}: {}", dir, precision.label(), instead.label(),
                        e.getMessage());
                return fusedOrNetwork(network, dir, instead);
            }
            // a libtorch build without oneDNN's fused operators still runs the same model, only slower
            log.warn("Model {}: fused inference not available, running the DJL network: {}", dir, e.getMessage());
            return network;
        }
    }

    private static FillLevelModelFiles.Loaded torchScript(Path dir) {
        ModelMetadata metadata = ModelMetadata.read(dir);
        Path file = dir.resolve(TORCHSCRIPT_FILE);
        String normalisation = field(dir, "normalisation", CropTensors.NORMALISATION);
        if (!CropTensors.NORMALISATION.equals(normalisation)) {
            throw new IllegalStateException(dir.resolve(ModelMetadata.FILE).toAbsolutePath()
                    + ": field normalisation must be '" + CropTensors.NORMALISATION + "', got '" + normalisation + "'");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("model weights missing: " + file.toAbsolutePath());
        }
        try {
            if (metadata.weightsSha256() != null && !metadata.weightsSha256().equalsIgnoreCase(ModelMetadata.sha256(file))) {
                throw new IllegalStateException("model weights do not match metadata.json (SHA-256): " + file.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new IllegalStateException("model weights unreadable: " + file.toAbsolutePath() + ": " + e, e);
        }
        Model model = Model.newInstance(metadata.name(), "PyTorch");
        try {
            model.load(dir, "model", Map.of());
            checkContract(model, metadata.inputSize(), file);
            return new FillLevelModelFiles.Loaded(model, metadata);
        } catch (IllegalStateException e) {
            model.close();
            throw e;
        } catch (Exception e) {
            model.close();
            throw new IllegalStateException("model unreadable: " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    /** One grey crop through the model: the answer must be [1, 7], or the file breaks the contract. */
    private static void checkContract(Model model, int size, Path file) throws Exception {
        try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator());
             var manager = model.getNDManager().newSubManager()) {
            NDList out = p.predict(new NDList(manager.zeros(new Shape(1, 3, size, size))));
            if (out.size() != 1) {
                throw new IllegalStateException(file.toAbsolutePath() + ": returns " + out.size()
                        + " outputs; the contract is one [N, " + FillLevelNetwork.OUTPUTS + "] tensor");
            }
            NDArray logits = out.singletonOrThrow();
            if (!logits.getShape().equals(new Shape(1, FillLevelNetwork.OUTPUTS))) {
                throw new IllegalStateException(file.toAbsolutePath() + ": output shape " + logits.getShape()
                        + " for one crop; the contract is [N, " + FillLevelNetwork.OUTPUTS + "]");
            }
        }
    }

    /** A text field of metadata.json, or {@code fallback} when absent (the file's other errors come later). */
    private static String field(Path dir, String name, String fallback) {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(ModelMetadata.FILE))).getAsJsonObject();
            return json.has(name) && json.get(name).isJsonPrimitive() ? json.get(name).getAsString() : fallback;
        } catch (IOException | RuntimeException e) {
            return fallback; // ModelMetadata.read reports the missing or broken file with its path
        }
    }
}
