package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.Pair;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.CropTensors;
import org.fillwatch.vision.model.FillLevelModelFiles;
import org.fillwatch.vision.training.CommandArgs;

/**
 * {@code export-python-reference --out DIR [--frames 300] [--seed 7340041] [--model DIR] [--check 32]}:
 * what the Python reference pipeline ({@code bench/reference_pipeline.py}) needs to run the same
 * work as FillWatch: rendered 1280x720 frames with 3-4 containers as JPEG files and their polygons
 * ({@link BenchFrames}), the model's parameters in execution order ({@code weights.npz}: p000, p001,
 * ...; conv weight and bias pairs, then the heads), and a check set ({@code check.npz}: the first
 * frames' crops as FillWatch cuts them, their input tensors and FillWatch's logits) to prove the
 * rebuilt network computes the same thing.
 */
public final class ExportPythonReferenceCommand {

    private static final String USAGE =
            "export-python-reference --out DIR [--frames 300] [--seed 7340041] [--model models/fill-level] [--check 32]";

    private ExportPythonReferenceCommand() {
    }

    public static int main(String[] args) throws Exception {
        CommandArgs a = CommandArgs.parse(args, Set.of("--out", "--frames", "--seed", "--model", "--check"),
                Set.of("--out"), USAGE);
        Path out = Path.of(a.text("--out", null));
        int count = a.integer("--frames", 300, 1, 100_000);
        long seed = a.integer("--seed", 7_340_041, 0, Integer.MAX_VALUE);
        Path modelDir = Path.of(a.text("--model", "models/fill-level"));
        int check = a.integer("--check", 32, 1, 512);
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("--model: folder " + modelDir + " does not exist");
        }
        Files.createDirectories(out);
        BenchFrames frames = writeFrames(out, count, seed);
        try (FillLevelModelFiles.Loaded loaded = FillLevelModelFiles.load(modelDir);
             NDManager manager = NDManager.newBaseManager("PyTorch")) {
            int parameters = writeWeights(loaded, out.resolve("weights.npz"));
            int checked = writeCheck(loaded, frames, check, manager, out.resolve("check.npz"));
            System.out.printf("%d frames (%d crops) in %s; %d parameter arrays of %s; %d check crops%n",
                    frames.frames().size(), frames.crops(), out, parameters, loaded.metadata().version(), checked);
        }
        return 0;
    }

    /** Scenes with at least 3 containers; the first 4 of each are configured, as a pavilion would. */
    private static BenchFrames writeFrames(Path out, int count, long seed) throws Exception {
        SceneRenderer renderer = new SceneRenderer(seed, null);
        List<String> lines = new ArrayList<>();
        List<BenchFrames.Frame> frames = new ArrayList<>();
        try (IntPointer quality = new IntPointer(IMWRITE_JPEG_QUALITY, 90)) {
            while (frames.size() < count) {
                try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
                    if (scene.containers().size() < 3) {
                        continue;
                    }
                    List<List<Point>> polygons = new ArrayList<>();
                    for (ContainerTruth truth : scene.containers().subList(0, Math.min(4, scene.containers().size()))) {
                        polygons.add(truth.polygon().stream().map(p -> new Point(p[0], p[1])).toList());
                    }
                    String file = String.format("frame_%04d.jpg", frames.size());
                    if (!imwrite(out.resolve(file).toString(), scene.image(), quality)) {
                        throw new IllegalStateException("could not write " + out.resolve(file));
                    }
                    frames.add(new BenchFrames.Frame(file, polygons));
                    lines.add(BenchFrames.line(file, polygons));
                }
            }
        }
        Files.write(out.resolve(BenchFrames.INDEX), lines);
        return new BenchFrames(out, frames);
    }

    private static int writeWeights(FillLevelModelFiles.Loaded loaded, Path file) throws Exception {
        NDList weights = new NDList();
        int i = 0;
        for (Pair<String, Parameter> p : loaded.model().getBlock().getParameters()) {
            NDArray copy = p.getValue().getArray().duplicate();
            copy.setName(String.format("p%03d", i++));
            weights.add(copy);
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            weights.encode(os, NDList.Encoding.NPZ);
        }
        weights.close();
        return i;
    }

    /** The first frames' crops, decoded from the JPEG files as both pipelines decode them. */
    private static int writeCheck(FillLevelModelFiles.Loaded loaded, BenchFrames frames, int check, NDManager manager,
                                  Path file) throws Exception {
        int size = loaded.metadata().inputSize();
        ContainerCropper cropper = new ContainerCropper(size, loaded.metadata().cropMargin());
        List<float[]> tensors = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        for (BenchFrames.Frame frame : frames.frames()) {
            if (tensors.size() >= check) {
                break;
            }
            try (Mat image = imread(frames.dir().resolve(frame.file()).toString())) {
                for (List<Point> polygon : frame.polygons()) {
                    if (tensors.size() < check) {
                        try (Mat crop = cropper.crop(image, polygon)) {
                            tensors.add(CropTensors.toChw(crop));
                            byte[] bgr = new byte[size * size * 3];
                            crop.data().get(bgr);
                            pixels.add(bgr);
                        }
                    }
                }
            }
        }
        int n = tensors.size();
        float[] input = new float[n * 3 * size * size];
        ByteBuffer crops = ByteBuffer.allocateDirect(n * size * size * 3);
        for (int i = 0; i < n; i++) {
            System.arraycopy(tensors.get(i), 0, input, i * 3 * size * size, 3 * size * size);
            crops.put(pixels.get(i));
        }
        crops.flip();
        NDArray inputArray = manager.create(input, new Shape(n, 3, size, size));
        inputArray.setName("input");
        NDArray cropArray = manager.create(crops, new Shape(n, size, size, 3), DataType.UINT8);
        cropArray.setName("crops");
        try (Predictor<NDList, NDList> predictor = loaded.model().newPredictor(new NoopTranslator())) {
            NDArray logits = predictor.predict(new NDList(inputArray)).singletonOrThrow().duplicate();
            logits.setName("logits");
            try (OutputStream os = Files.newOutputStream(file)) {
                new NDList(inputArray, cropArray, logits).encode(os, NDList.Encoding.NPZ);
            }
        }
        return n;
    }
}
