package org.fillwatch.vision.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The activation ranges the int8 program quantises with: per projection layer (the convolutions
 * without relu6, and the residual sums fused into them), the least and greatest value the float32
 * network reached on the calibration crops. Stored beside the weights as {@value #FILE}, tied to
 * them by their SHA-256: ranges of other weights would quantise with the wrong scales.
 *
 * @param weightsSha256 the weights the ranges were measured with
 * @param inputSize     the crop size they were measured at
 * @param ranges        layer index -> {min, max}
 * @param crops         how many crops were measured
 * @param sources       the folders they came from, as given to {@code calibrate-int8}
 */
public record Int8Calibration(String weightsSha256, int inputSize, Map<Integer, double[]> ranges, int crops,
                              List<String> sources) {

    public static final String FILE = "int8-calibration.json";

    public Int8Calibration {
        ranges = Collections.unmodifiableMap(new TreeMap<>(ranges));
        sources = List.copyOf(sources);
    }

    /** Measures ranges crop batch by crop batch with the float32 network; close it to free the program. */
    public static final class Meter implements AutoCloseable {
        private final FillLevelNetwork network;
        private final ModelMetadata metadata;
        private final List<Integer> layers;
        private final Model program;
        private final Predictor<NDList, NDList> predictor;
        private final Map<Integer, double[]> ranges = new TreeMap<>();
        private int crops;

        public Meter(FillLevelModelFiles.Loaded djl) throws Exception {
            if (!(djl.model().getBlock() instanceof FillLevelNetwork n)) {
                throw new IllegalArgumentException("not a FillLevelNetwork: " + djl.model().getBlock());
            }
            this.network = n;
            this.metadata = djl.metadata();
            this.layers = Int8Program.projections(network, metadata.inputSize());
            this.program = Int8Program.rangeProgram(network, metadata.inputSize());
            this.predictor = program.newPredictor(new NoopTranslator());
        }

        /** Widens the ranges to cover these crops (CHW floats as {@link CropTensors} makes them). */
        public void add(List<float[]> chw) throws Exception {
            if (chw.isEmpty()) {
                return;
            }
            int size = metadata.inputSize();
            float[] all = new float[chw.size() * 3 * size * size];
            for (int i = 0; i < chw.size(); i++) {
                System.arraycopy(chw.get(i), 0, all, i * 3 * size * size, 3 * size * size);
            }
            try (NDManager m = NDManager.newBaseManager()) {
                float[] r = predictor.predict(new NDList(m.create(all, new Shape(chw.size(), 3, size, size))))
                        .singletonOrThrow().toFloatArray();
                for (int k = 0; k < layers.size(); k++) {
                    double[] now = ranges.computeIfAbsent(layers.get(k), x -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE});
                    now[0] = Math.min(now[0], r[2 * k]);
                    now[1] = Math.max(now[1], r[2 * k + 1]);
                }
            }
            crops += chw.size();
        }

        public Int8Calibration result(List<String> sources) {
            if (crops == 0) {
                throw new IllegalStateException("no crops measured");
            }
            return new Int8Calibration(metadata.weightsSha256(), metadata.inputSize(), ranges, crops, sources);
        }

        @Override
        public void close() {
            predictor.close();
            program.close();
        }
    }

    public void write(Path dir) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("weightsSha256", weightsSha256);
        json.addProperty("inputSize", inputSize);
        json.addProperty("crops", crops);
        JsonArray from = new JsonArray();
        sources.forEach(from::add);
        json.add("sources", from);
        json.addProperty("method", "min..max of each projection's float32 output over the crops");
        JsonObject layers = new JsonObject();
        ranges.forEach((layer, range) -> {
            JsonArray pair = new JsonArray();
            pair.add(range[0]);
            pair.add(range[1]);
            layers.add(String.valueOf(layer), pair);
        });
        json.add("ranges", layers);
        Files.writeString(dir.resolve(FILE), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n");
    }

    /**
     * Reads {@code dir}/{@value #FILE} for the model {@code metadata} describes; every problem names
     * the file and the field, and ranges of other weights or another input size are refused.
     */
    public static Int8Calibration read(Path dir, ModelMetadata metadata) {
        Path file = dir.resolve(FILE);
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("int8 calibration missing: " + file.toAbsolutePath()
                    + " (make it with: calibrate-int8 --model " + dir + " --data DIR)");
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new IllegalStateException("int8 calibration unreadable: " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        String sha = ModelMetadata.text(json, "weightsSha256", file);
        if (metadata.weightsSha256() == null || !sha.equalsIgnoreCase(metadata.weightsSha256())) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field weightsSha256 " + sha
                    + " is not the model's weights (" + metadata.weightsSha256() + "): calibrate again");
        }
        int size = whole(json, "inputSize", file);
        if (size != metadata.inputSize()) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field inputSize " + size
                    + " is not the model's " + metadata.inputSize() + ": calibrate again");
        }
        if (!json.has("ranges") || !json.get("ranges").isJsonObject()) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field ranges missing");
        }
        Map<Integer, double[]> ranges = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("ranges").entrySet()) {
            ranges.put(layer(e.getKey(), file), pair(e.getValue(), file, "ranges." + e.getKey()));
        }
        List<String> sources = new ArrayList<>();
        if (json.has("sources") && json.get("sources").isJsonArray()) {
            json.getAsJsonArray("sources").forEach(s -> sources.add(s.getAsString()));
        }
        return new Int8Calibration(sha, size, ranges, json.has("crops") ? whole(json, "crops", file) : 0, sources);
    }

    private static int layer(String key, Path file) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field ranges." + key + " is not a layer number");
        }
    }

    private static double[] pair(JsonElement value, Path file, String field) {
        try {
            JsonArray a = value.getAsJsonArray();
            double lo = a.get(0).getAsDouble();
            double hi = a.get(1).getAsDouble();
            if (a.size() == 2 && Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi) {
                return new double[] {lo, hi};
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalStateException(file.toAbsolutePath() + ": field " + field + " must be [min, max] with min <= max, got " + value);
    }

    private static int whole(JsonObject json, String field, Path file) {
        try {
            return json.get(field).getAsInt();
        } catch (RuntimeException e) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field " + field + " missing or not a whole number");
        }
    }
}
