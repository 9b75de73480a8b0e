package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} and {@code export-eval-set} on a freshly rendered set (and CDCM photos when present). */
class EvaluateCommandTest {

    static final Path CDCM = Path.of("../shared/data/cdcm-train");

    @TempDir
    static Path rendered;
    private static FillModel model;

    @BeforeAll
    static void setUp() throws Exception {
        assertThat(ExportEvalSetCommand.export(rendered, 24, ShippedModelScenes.TEST_SEED + 7, 160, null, false).written())
                .isEqualTo(24);
        model = new FillModel(FillModelTest.SHIPPED, 0.5, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Closed lids hide the fill: counted in a plain export, left out with --visible-only. */
    @Test
    void visibleOnlyLeavesOutCropsWhoseFillALidHides(@TempDir Path all, @TempDir Path visible) throws Exception {
        ExportEvalSetCommand.Exported plain = ExportEvalSetCommand.export(all, 80, ShippedModelScenes.TEST_SEED + 8, 64, null, false);
        ExportEvalSetCommand.Exported seen = ExportEvalSetCommand.export(visible, 80, ShippedModelScenes.TEST_SEED + 8, 64, null, true);
        assertThat(plain.hidden()).as("closed lids among 80 rendered containers").isPositive();
        assertThat(plain.skipped()).isZero();
        assertThat(seen.written()).isEqualTo(80);
        assertThat(seen.hidden()).isZero();
        assertThat(seen.skipped()).isGreaterThanOrEqualTo(plain.hidden());
        assertThat(Files.readAllLines(visible.resolve("fill.csv"))).hasSize(81);
    }

    @Test
    void exportWritesClassFoldersWithTrueFill() throws IOException {
        List<String> csv = Files.readAllLines(rendered.resolve("fill.csv"));
        assertThat(csv.get(0)).isEqualTo("file,fill_percent");
        assertThat(csv).hasSize(25);
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertThat(rendered.resolve(f[0])).isRegularFile();
            double fill = Double.parseDouble(f[1]);
            String folder = f[0].substring(0, f[0].indexOf('/'));
            // the folder follows the labelling rule of the training data (overflowing aside)
            if (!folder.equals("overflowing")) {
                assertThat(folder).isEqualTo(fill < 15 ? "empty" : fill < 75 ? "partial" : "full");
            }
        }
    }

    /** Runs the jar's entry point in its own JVM, so that any stray line on standard output would show. */
    @Test
    void jsonOutputIsOneObjectMatchingADirectComputation(@TempDir Path tmp) throws Exception {
        Path stdout = tmp.resolve("out.txt");
        Path stderr = tmp.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // no torch thread setting: main() must choose one thread per call itself
        Process process = new ProcessBuilder(java, "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "org.fillwatch.FillWatchApplication",
                "evaluate", "--data", rendered.toString(), "--model", FillModelTest.SHIPPED.toAbsolutePath().toString(),
                "--json").redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
        String out = Files.readString(stdout).strip();
        JsonObject json = JsonParser.parseString(out).getAsJsonObject();
        assertThat(out).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(json.keySet()).containsExactlyInAnyOrder("n", "accuracy", "per_class", "confusion", "mae_pct");
        assertThat(Files.readString(stderr)).contains("evaluating").contains(", 1 torch thread(s) per call)");

        Direct direct = direct(rendered);
        assertThat(json.get("n").getAsInt()).isEqualTo(24);
        assertThat(json.get("accuracy").getAsDouble()).isCloseTo(direct.accuracy(), within(1e-3));
        assertThat(json.get("mae_pct").getAsDouble()).isCloseTo(direct.mae(), within(1e-3));
        checkMatrix(json);
    }

    @Test
    void textOutputListsClassesAndConfusion() throws Exception {
        String out = runInProcess("--data", rendered.toString(), "--model", FillModelTest.SHIPPED.toString());
        assertThat(out).contains("n = 24, accuracy = ").contains("fill MAE = ").contains("precision")
                .contains("confusion");
    }

    /** Each image's row agrees with the summary: as many correct rows as the accuracy says, true fills from fill.csv. */
    @Test
    void predictionsListEveryImageWithItsReading(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("predictions.csv");
        JsonObject json = JsonParser.parseString(runInProcess("--data", rendered.toString(), "--model",
                FillModelTest.SHIPPED.toString(), "--predictions", csv.toString(), "--json")).getAsJsonObject();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("file,label,predicted,correct,state,confidence,fill_pct,true_fill_pct,waste_around");
        assertThat(lines).hasSize(25);
        Map<String, String> trueFill = new HashMap<>();
        for (String line : Files.readAllLines(rendered.resolve("fill.csv")).subList(1, 25)) {
            trueFill.put(line.split(",")[0], line.split(",")[1]);
        }
        int correct = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f).hasSize(9);
            assertThat(rendered.resolve(f[0])).isRegularFile();
            assertThat(f[0]).startsWith(f[1] + "/");
            assertThat(Boolean.parseBoolean(f[3])).isEqualTo(Evaluation.accepted(f[1], f[2]));
            assertThat(Double.parseDouble(f[7])).isCloseTo(Double.parseDouble(trueFill.get(f[0])), within(0.051));
            correct += Boolean.parseBoolean(f[3]) ? 1 : 0;
        }
        assertThat((double) correct / 24).isCloseTo(json.get("accuracy").getAsDouble(), within(1e-3));
        assertThatThrownBy(() -> EvaluateCommand.main(new String[] {"--data", rendered.toString(),
                "--predictions", tmp.resolve("no/such/folder.csv").toString()}))
                .hasMessageContaining("--predictions").hasMessageContaining("does not exist");
    }

    @Test
    void cdcmPhotosAreScoredAsCleanOrDirty(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(CDCM.resolve("clean")), "CDCM photos not present at " + CDCM.toAbsolutePath());
        for (String label : List.of("clean", "dirty")) {
            Files.createDirectories(tmp.resolve(label));
            try (Stream<Path> files = Files.list(CDCM.resolve(label))) {
                for (Path f : files.sorted().limit(6).toList()) {
                    Files.copy(f, tmp.resolve(label).resolve(f.getFileName()));
                }
            }
        }
        JsonObject json = JsonParser.parseString(runInProcess("--data", tmp.toString(), "--json")).getAsJsonObject();
        assertThat(json.keySet()).containsExactlyInAnyOrder("n", "accuracy", "per_class", "confusion");
        assertThat(json.get("n").getAsInt()).isEqualTo(12);
        assertThat(json.get("accuracy").getAsDouble()).isCloseTo(direct(tmp).accuracy(), within(1e-3));
        assertThat(json.getAsJsonObject("per_class").keySet()).containsExactly("clean", "dirty");
        checkMatrix(json);
    }

    @Test
    void errorsNameTheFolderOrFile(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> EvaluateCommand.main(new String[] {"--data", tmp.resolve("nowhere").toString()}))
                .hasMessageContaining("nowhere").hasMessageContaining("does not exist");
        Files.createDirectories(tmp.resolve("other"));
        assertThatThrownBy(() -> EvaluateCommand.main(new String[] {"--data", tmp.toString()}))
                .hasMessageContaining(tmp.toString()).hasMessageContaining("none of the class folders");
        Files.createDirectories(tmp.resolve("full"));
        Files.writeString(tmp.resolve("full/broken.jpg"), "not a picture");
        assertThatThrownBy(() -> EvaluateCommand.main(new String[] {"--data", tmp.toString(),
                "--model", FillModelTest.SHIPPED.toString()})).hasMessageContaining("broken.jpg");
        Files.writeString(tmp.resolve("fill.csv"), "file,fill_percent\nfull/broken.jpg,140\n");
        assertThatThrownBy(() -> EvaluateCommand.main(new String[] {"--data", tmp.toString()}))
                .hasMessageContaining("fill.csv:2").hasMessageContaining("0..100");
        Files.writeString(tmp.resolve("fill.csv"), "full/missing.jpg,40\n");
        assertThatThrownBy(() -> EvaluateCommand.main(new String[] {"--data", tmp.toString()}))
                .hasMessageContaining("fill.csv").hasMessageContaining("full/missing.jpg");
        assertThatThrownBy(() -> EvaluateCommand.main(new String[] {"--data"})).hasMessageContaining("--data");
    }

    @Test
    void scoringRules() {
        assertThat(Evaluation.accepted("full", Evaluation.predicted("full", estimate(FillState.OVERFLOWING, 0)))).isTrue();
        assertThat(Evaluation.accepted("overflowing", Evaluation.predicted("overflowing", estimate(FillState.FULL, 0))))
                .isFalse();
        assertThat(Evaluation.predicted("dirty", estimate(FillState.PARTIAL, 0.6))).isEqualTo("dirty");
        assertThat(Evaluation.predicted("dirty", estimate(FillState.OVERFLOWING, 0.1))).isEqualTo("dirty");
        assertThat(Evaluation.predicted("clean", estimate(FillState.PARTIAL, 0.4))).isEqualTo("clean");
        assertThat(Evaluation.predicted("clean", estimate(FillState.UNKNOWN, 0.4))).isEqualTo("unknown");
        assertThat(Evaluation.accepted("empty", Evaluation.predicted("empty", estimate(FillState.UNKNOWN, 0)))).isFalse();
    }

    private static ContainerEstimate estimate(FillState state, double waste) {
        return new ContainerEstimate("c", 50, state, 0.9, waste);
    }

    /** Rows sum to each class's n, the diagonal over n is the accuracy, recall is diagonal over row. */
    private static void checkMatrix(JsonObject json) {
        JsonObject confusion = json.getAsJsonObject("confusion");
        JsonObject perClass = json.getAsJsonObject("per_class");
        int total = 0;
        int diagonal = 0;
        for (String label : confusion.keySet()) {
            JsonObject row = confusion.getAsJsonObject(label);
            int rowSum = row.entrySet().stream().mapToInt(e -> e.getValue().getAsInt()).sum();
            int right = row.has(label) ? row.get(label).getAsInt() : 0;
            JsonObject c = perClass.getAsJsonObject(label);
            assertThat(c.get("n").getAsInt()).isEqualTo(rowSum);
            assertThat(c.get("recall").getAsDouble()).isCloseTo((double) right / rowSum, within(1e-3));
            total += rowSum;
            diagonal += right;
        }
        assertThat(total).isEqualTo(json.get("n").getAsInt());
        assertThat(json.get("accuracy").getAsDouble()).isCloseTo((double) diagonal / total, within(1e-3));
    }

    private record Direct(double accuracy, double mae) {
    }

    /** The scoring rules written out once more, image by image, on the model's own predictions. */
    private static Direct direct(Path dir) throws Exception {
        Map<String, Double> fills = new HashMap<>();
        if (Files.exists(dir.resolve("fill.csv"))) {
            for (String line : Files.readAllLines(dir.resolve("fill.csv")).subList(1, 25)) {
                fills.put(line.split(",")[0], Double.parseDouble(line.split(",")[1]));
            }
        }
        int n = 0;
        int right = 0;
        double absError = 0;
        for (String label : EvaluationSet.CLASSES) {
            if (!Files.isDirectory(dir.resolve(label))) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir.resolve(label))) {
                files = list.sorted().toList();
            }
            for (Path f : files) {
                ContainerEstimate e;
                try (Mat image = opencv_imgcodecs.imread(f.toString(), IMREAD_COLOR);
                     Mat crop = model.cropper().crop(image, org.fillwatch.vision.model.ContainerCropper.wholeImage(model.cropper().margin()))) {
                    e = model.predict(new ArrayList<>(List.of(new CropInput("x", crop, true)))).get(0);
                }
                boolean ok = switch (label) {
                    // a clean photo shows a container: reading it as absent is as wrong as unknown
                    case "clean" -> e.state() != FillState.UNKNOWN && e.state() != FillState.ABSENT
                            && e.state() != FillState.OVERFLOWING && e.wasteAround() < 0.5;
                    case "dirty" -> e.state() == FillState.OVERFLOWING || e.wasteAround() >= 0.5;
                    default -> e.state().name().equalsIgnoreCase(label)
                            || (label.equals("full") && e.state() == FillState.OVERFLOWING);
                };
                n++;
                right += ok ? 1 : 0;
                Double fill = fills.get(label + "/" + f.getFileName());
                if (fill != null) {
                    absError += Math.abs(fill - e.fillPercent());
                }
            }
        }
        return new Direct((double) right / n, fills.isEmpty() ? Double.NaN : absError / fills.size());
    }

    private static String runInProcess(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(EvaluateCommand.main(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
