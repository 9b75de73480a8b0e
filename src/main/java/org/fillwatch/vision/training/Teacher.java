package org.fillwatch.vision.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.FillLevelModelFiles;
import org.fillwatch.vision.model.ModelMetadata;

/**
 * A trained fill-level model (usually a larger input size) whose outputs a student learns to
 * match. It must have held out the same CDCM photos as the student: a teacher that trained on
 * the student's validation photos would pass their labels on and inflate the student's score.
 */
final class Teacher implements AutoCloseable {

    private final FillLevelModelFiles.Loaded loaded;
    private final ContainerCropper cropper;

    private Teacher(FillLevelModelFiles.Loaded loaded) {
        this.loaded = loaded;
        ModelMetadata m = loaded.metadata();
        this.cropper = new ContainerCropper(m.inputSize(), m.cropMargin());
    }

    static Teacher load(Path dir, double cropMargin) {
        ModelMetadata metadata = ModelMetadata.read(dir);
        if (Math.abs(metadata.cropMargin() - cropMargin) > 1e-9) {
            throw new IllegalArgumentException("--teacher " + dir + ": crop margin " + metadata.cropMargin()
                    + " differs from the student's " + cropMargin);
        }
        return new Teacher(FillLevelModelFiles.load(dir));
    }

    /** Fails unless the teacher's metadata lists exactly these held-out CDCM photos. */
    static void checkHeldOut(Path dir, List<String> validationNames) throws IOException {
        Path file = dir.resolve(ModelMetadata.FILE);
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        List<String> theirs = new ArrayList<>();
        if (json.has("training") && json.getAsJsonObject("training").has("cdcm")) {
            JsonObject cdcm = json.getAsJsonObject("training").getAsJsonObject("cdcm");
            if (cdcm.has("validationFiles")) {
                for (JsonElement e : cdcm.getAsJsonArray("validationFiles")) {
                    theirs.add(e.getAsString());
                }
            }
        }
        if (!theirs.stream().sorted().toList().equals(validationNames)) {
            throw new IllegalArgumentException("--teacher " + dir + ": " + file + " training.cdcm.validationFiles lists "
                    + theirs.size() + " photos, not the student's " + validationNames.size()
                    + " held-out ones (train both with the same --seed and --validation)");
        }
    }

    ContainerCropper cropper() {
        return cropper;
    }

    String version() {
        return loaded.metadata().version();
    }

    /** The teacher's raw outputs, [n, 7] row-major, for n crops in CHW layout at its input size. */
    float[] logits(float[] chw, int n) {
        int size = cropper.size();
        try (NDManager manager = loaded.model().getNDManager().newSubManager()) {
            var x = manager.create(chw, new Shape(n, 3, size, size));
            return loaded.model().getBlock().forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public void close() {
        loaded.close();
    }
}
