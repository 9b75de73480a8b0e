package org.fillwatch.vision.model;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.fillwatch.vision.EvaluationSet;

/**
 * For {@link Int8SpeedProbe}: the activation ranges of the network's projections measured in
 * float32 on a folder of crops, and the int8 program's decisions compared with float32's.
 */
final class Calibration {

    private static final int BATCH = 16;

    private Calibration() {
    }

    /** Per projection layer index: {min, max} of its output (of the residual sum where it has one). */
    static Map<Integer, double[]> ranges(FillLevelNetwork network, int size, double margin, Path dir) throws Exception {
        List<Integer> layers = new ArrayList<>();
        String source = rangeSource(network, size, layers);
        Path tmp = Files.createTempDirectory("fillwatch-ranges-");
        FusedProgram.withWeights(new TorchScriptArchive("Ranges", source), network)
                .tensorList("p", List.of()).tensorList("q", List.of()).write(tmp.resolve("model.pt"));
        Map<Integer, double[]> ranges = new LinkedHashMap<>();
        int images = 0;
        try (Model model = Model.newInstance("ranges", "PyTorch")) {
            model.load(tmp, "model", Map.of());
            try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator())) {
                for (Batch batch : batches(size, margin, dir)) {
                    try (NDManager m = NDManager.newBaseManager()) {
                        float[] r = p.predict(batch.input(m, size)).singletonOrThrow().toFloatArray();
                        for (int k = 0; k < layers.size(); k++) {
                            double[] now = ranges.computeIfAbsent(layers.get(k), x -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE});
                            now[0] = Math.min(now[0], r[2 * k]);
                            now[1] = Math.max(now[1], r[2 * k + 1]);
                        }
                    }
                    images += batch.labels().size();
                }
            }
        }
        System.out.printf(Locale.ROOT, "calibrated %d projection ranges on %d images of %s%n", ranges.size(), images, dir);
        return ranges;
    }

    /** Prints how often the int8 program decides as the float32 one, and each one's waste-around accuracy on the labels. */
    static void compare(Predictor<NDList, NDList> float32, Predictor<NDList, NDList> int8, int size, double margin, Path dir)
            throws Exception {
        int n = 0;
        int wasteSame = 0;
        int stateSame = 0;
        int labelled = 0;
        int floatRight = 0;
        int int8Right = 0;
        double fillDiff = 0;
        double worst = 0;
        for (Batch batch : batches(size, margin, dir)) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDList in = batch.input(m, size);
                float[] a = float32.predict(in).singletonOrThrow().toFloatArray();
                float[] b = int8.predict(in).singletonOrThrow().toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                }
                for (int row = 0; row < batch.labels().size(); row++) {
                    HeadOutputs f = HeadOutputs.decode(a, row);
                    HeadOutputs q = HeadOutputs.decode(b, row);
                    n++;
                    wasteSame += (f.wasteAround() >= 0.5) == (q.wasteAround() >= 0.5) ? 1 : 0;
                    stateSame += f.state() == q.state() ? 1 : 0;
                    fillDiff += Math.abs(f.fill() - q.fill());
                    String label = batch.labels().get(row);
                    if (label.equals("clean") || label.equals("dirty")) {
                        labelled++;
                        boolean dirty = label.equals("dirty");
                        floatRight += (f.wasteAround() >= 0.5) == dirty ? 1 : 0;
                        int8Right += (q.wasteAround() >= 0.5) == dirty ? 1 : 0;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "check on %d images of %s: waste-around decision same %d/%d, state same %d/%d, "
                        + "fill differs by %.2f pp on average, logits by up to %.2f%n", n, dir, wasteSame, n, stateSame, n,
                fillDiff / n * 100, worst);
        if (labelled > 0) {
            System.out.printf(Locale.ROOT, "waste-around head alone on the %d clean/dirty images: float32 %.3f, int8 %.3f%n",
                    labelled, floatRight / (double) labelled, int8Right / (double) labelled);
        }
    }

    /** Up to BATCH whole-image crops (CHW floats) and their class folders' names. */
    private record Batch(List<float[]> crops, List<String> labels) {
        NDList input(NDManager manager, int size) {
            return new NDList(manager.create(flatten(crops), new Shape(crops.size(), 3, size, size)));
        }
    }

    /** The images of a class-folder set as whole-image crops, as {@code evaluate} cuts them, BATCH at a time. */
    private static List<Batch> batches(int size, double margin, Path dir) throws Exception {
        ContainerCropper cropper = new ContainerCropper(size, margin);
        List<Point> whole = ContainerCropper.wholeImage(margin);
        List<Batch> out = new ArrayList<>();
        Batch current = new Batch(new ArrayList<>(), new ArrayList<>());
        for (EvaluationSet.Item item : EvaluationSet.read(dir).items()) {
            try (Mat image = opencv_imgcodecs.imread(item.file().toString(), IMREAD_COLOR); Mat crop = cropper.crop(image, whole)) {
                current.crops().add(CropTensors.toChw(crop));
                current.labels().add(item.label());
            }
            if (current.labels().size() == BATCH) {
                out.add(current);
                current = new Batch(new ArrayList<>(), new ArrayList<>());
            }
        }
        if (!current.labels().isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static float[] flatten(List<float[]> crops) {
        int per = crops.get(0).length;
        float[] all = new float[crops.size() * per];
        for (int i = 0; i < crops.size(); i++) {
            System.arraycopy(crops.get(i), 0, all, i * per, per);
        }
        return all;
    }

    /** float32 NCHW forward pass that returns, per projection, the min and max of its output. */
    private static String rangeSource(FillLevelNetwork network, int inputSize, List<Integer> layers) {
        List<FoldedConv> convs = network.features().convs();
        List<String> body = new ArrayList<>();
        long[] size = {inputSize};
        Int8SpeedProbe.Layer conv = (i, c, var, residual) -> {
            int s = c.stride();
            long[] same = Int8SpeedProbe.samePadding(c, size[0], var, "0.", body);
            long outSize = same[0];
            long sym = same[1];
            String call = "torch.conv2d(" + var + ", self.w[" + i + "], self.b[" + i + "], [" + s + ", " + s + "], [" + sym + ", "
                    + sym + "], [1, 1], " + c.groups() + ")";
            if (c.relu6()) {
                body.add(var + " = torch.clamp(" + call + ", 0., 6.)");
            } else {
                body.add(var + " = " + (residual == null ? call : "torch.add(" + call + ", " + residual + ")"));
                body.add("r.append(torch.min(" + var + "))");
                body.add("r.append(torch.max(" + var + "))");
                layers.add(i);
            }
            size[0] = outSize;
        };
        Int8SpeedProbe.walk(network, conv, (to, from) -> body.add(to + " = " + from));
        StringBuilder out = Int8SpeedProbe.classHeader("Ranges").append("    r : List[Tensor] = []\n");
        body.forEach(l -> out.append("    ").append(l).append('\n'));
        out.append("    return torch.stack(r)\n");
        return out.toString();
    }
}
