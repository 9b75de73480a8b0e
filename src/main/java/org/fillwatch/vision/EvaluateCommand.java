package org.fillwatch.vision;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.vision.model.Precision;

/**
 * {@code evaluate --data DIR [--model MODEL_DIR] [--min-confidence C] [--json]}: runs a model
 * folder over a class-folder set ({@link EvaluationSet}) through the service's own loading path
 * and translator ({@link FillModel}), and prints n, accuracy, per-class precision and recall,
 * the confusion matrix and, when fill.csv gives true values, the fill MAE ({@link Evaluation}).
 * With --json standard output carries exactly one JSON object; everything else goes to stderr.
 * {@code --predictions FILE} also writes every image's reading as CSV ({@link Evaluation#predictionsCsv()}).
 */
public final class EvaluateCommand {

    static final String USAGE = "evaluate --data DIR [--model MODEL_DIR] [--min-confidence 0.5] [--precision auto|float32|bfloat16|int8] [--predictions FILE.csv] [--json]";
    private static final int BATCH = 16;

    private EvaluateCommand() {
    }

    public static int main(String[] args) throws Exception {
        Path data = null;
        Path modelDir = Path.of("models/fill-level");
        double minConfidence = 0.5;
        boolean json = false;
        Path predictions = null;
        Precision precision = Precision.AUTO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--data" -> data = Path.of(value(args, i++));
                case "--model" -> modelDir = Path.of(value(args, i++));
                case "--min-confidence" -> minConfidence = confidence(value(args, i++));
                case "--precision" -> precision = Precision.parse(value(args, i++), "--precision");
                case "--predictions" -> predictions = Path.of(value(args, i++));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\nusage: " + USAGE);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("missing --data\nusage: " + USAGE);
        }
        EvaluationSet set = EvaluationSet.read(data);
        if (predictions != null) {
            checkWritable(predictions);
        }
        try (FillModel model = new FillModel(modelDir, minConfidence, 1, true, precision)) {
            System.err.printf("evaluating %s (%s, %s, %d torch thread(s) per call) on %d images of %s%n", model.version(),
                    modelDir, model.engine(), FillModel.torchThreads(), set.items().size(), data);
            Evaluation evaluation = evaluate(model, set);
            if (predictions != null) {
                Files.write(predictions, evaluation.predictionsCsv());
                System.err.println("predictions: " + predictions);
            }
            PrintStream out = System.out;
            if (json) {
                out.println(evaluation.toJson());
            } else {
                out.println("model: " + model.version() + " (" + modelDir + ")");
                out.println("data: " + data);
                out.print(evaluation.toText());
            }
            out.flush();
        }
        return 0;
    }

    /** Each image is one container's crop: the polygon whose grown outline is the whole image. */
    static Evaluation evaluate(FillModel model, EvaluationSet set) throws Exception {
        Evaluation evaluation = new Evaluation();
        List<EvaluationSet.Item> items = set.items();
        for (int from = 0; from < items.size(); from += BATCH) {
            List<EvaluationSet.Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            List<CropInput> crops = new ArrayList<>();
            try {
                for (EvaluationSet.Item item : batch) {
                    crops.add(new CropInput(item.name(), item.crop(model.cropper()), true));
                }
                List<ContainerEstimate> estimates = model.predict(crops);
                for (int i = 0; i < batch.size(); i++) {
                    evaluation.add(batch.get(i), estimates.get(i));
                }
            } finally {
                crops.forEach(c -> c.crop().close());
            }
        }
        return evaluation;
    }

    /** Fails before the model runs, not after minutes of evaluating. */
    private static void checkWritable(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--predictions: " + file + " is a folder; give a file name");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--predictions: folder " + folder + " does not exist");
        }
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option " + args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static double confidence(String v) {
        try {
            double c = Double.parseDouble(v);
            if (c >= 0 && c <= 1) {
                return c;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--min-confidence must be a number within 0..1, got " + v);
    }
}
