package org.fillwatch.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.CropTensors;
import org.fillwatch.vision.model.FillLevelModelFiles;
import org.fillwatch.vision.model.Int8Calibration;
import org.fillwatch.vision.training.CommandArgs;

/**
 * {@code calibrate-int8 --data DIR[,DIR...] [--model DIR]}: measures the activation ranges the int8
 * precision quantises with, by running the model's float32 network over class-folder sets (each
 * image a whole crop, as {@code evaluate} reads them), and writes them into the model folder as
 * {@value Int8Calibration#FILE}. Calibrate on training images, then judge int8 with
 * {@code evaluate --precision int8} on held-out ones.
 */
public final class CalibrateInt8Command {

    static final String USAGE = "calibrate-int8 --data DIR[,DIR...] [--model models/fill-level]";
    private static final int BATCH = 16;

    private CalibrateInt8Command() {
    }

    public static int main(String[] args) throws Exception {
        CommandArgs a = CommandArgs.parse(args, Set.of("--data", "--model"), Set.of("--data"), USAGE);
        Path model = Path.of(a.text("--model", "models/fill-level"));
        List<Path> data = new ArrayList<>();
        for (String dir : a.text("--data", "").split(",")) {
            if (!dir.isBlank()) {
                data.add(Path.of(dir.trim()));
            }
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("--data names no folder\nusage: " + USAGE);
        }
        Int8Calibration calibration = calibrate(model, data);
        System.out.printf("%d projection ranges measured on %d crops of %s, written to %s%n", calibration.ranges().size(),
                calibration.crops(), calibration.sources(), model.resolve(Int8Calibration.FILE));
        return 0;
    }

    /** Measures and writes the calibration of the model in {@code model} on every image of {@code data}'s sets. */
    static Int8Calibration calibrate(Path model, List<Path> data) throws Exception {
        List<EvaluationSet> sets = new ArrayList<>();
        for (Path dir : data) {
            sets.add(EvaluationSet.read(dir)); // every folder is checked before the model is loaded
        }
        try (FillLevelModelFiles.Loaded djl = FillLevelModelFiles.load(model);
             Int8Calibration.Meter meter = new Int8Calibration.Meter(djl)) {
            ContainerCropper cropper = new ContainerCropper(djl.metadata().inputSize(), djl.metadata().cropMargin());
            List<float[]> batch = new ArrayList<>();
            for (EvaluationSet set : sets) {
                for (EvaluationSet.Item item : set.items()) {
                    try (Mat crop = item.crop(cropper)) {
                        batch.add(CropTensors.toChw(crop));
                    }
                    if (batch.size() == BATCH) {
                        meter.add(batch);
                        batch.clear();
                    }
                }
            }
            meter.add(batch);
            Int8Calibration calibration = meter.result(data.stream().map(Path::toString).toList());
            calibration.write(model);
            return calibration;
        }
    }
}
