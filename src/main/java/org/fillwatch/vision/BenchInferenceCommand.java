package org.fillwatch.vision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.scene.SceneSpec;
import org.fillwatch.vision.model.Precision;

/**
 * {@code bench-inference [--model DIR] [--batch 1,4,16] [--seconds N]}: milliseconds per container
 * crop through the service's own path ({@link FillModel#predict}: translator pre-processing,
 * network, post-processing) on one intra-op thread, for each batch size. Crops are cut once from
 * rendered scenes beforehand (cropping is not timed). Prints wall-clock and CPU time per crop and
 * the load average: on a shared machine the wall-clock figure grows with other processes' load,
 * while the calling thread's CPU time (with one intra-op thread libtorch computes on the caller's
 * thread) stays close to what one free core would need.
 */
public final class BenchInferenceCommand {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String USAGE = "bench-inference [--model DIR] [--batch 1,4,16] [--seconds N] [--inference fused|djl] [--precision auto|float32|bfloat16|int8]";

    private BenchInferenceCommand() {
    }

    public static int main(String[] args) throws Exception {
        Path dir = Path.of("models/fill-level");
        int[] batches = {1, 4, 16};
        double seconds = 10;
        boolean fused = true;
        Precision precision = Precision.AUTO;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value\nusage: " + USAGE);
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--model" -> dir = Path.of(value);
                case "--batch" -> batches = parseBatches(value);
                case "--seconds" -> seconds = parseSeconds(value);
                case "--inference" -> fused = parseInference(value);
                case "--precision" -> precision = Precision.parse(value, "--precision");
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1] + "\nusage: " + USAGE);
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--model: folder " + dir + " does not exist");
        }
        try (FillModel model = new FillModel(dir, 0.5, 1, fused, precision)) {
            List<CropInput> crops = crops(model, Arrays.stream(batches).max().orElseThrow());
            try {
                System.out.printf("model %s (%s), input %d px, %d intra-op thread(s), %.0f s per batch size, load average %s%n",
                        model.version(), model.engine(), model.cropper().size(), FillModel.torchThreads(), seconds, loadAverage());
                System.out.println(NativeAllocator.describe());
                for (int batch : batches) {
                    List<CropInput> input = crops.subList(0, batch);
                    run(model, input, 1.0); // warm-up: first calls allocate and pick kernels
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    double[] perCall = run(model, input, seconds);
                    double cpuPerCrop = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6 / perCall.length / batch;
                    Arrays.sort(perCall);
                    double median = perCall[perCall.length / 2] / batch;
                    double mean = Arrays.stream(perCall).sum() / perCall.length / batch;
                    System.out.printf("batch %3d: %.2f ms per crop (median wall), %.2f ms mean wall, %.2f ms CPU,"
                            + " %d calls; load average %s%n", batch, median, mean, cpuPerCrop, perCall.length,
                            loadAverage());
                }
                System.out.println("peak RSS of this process: " + peakRss());
            } finally {
                crops.forEach(c -> c.crop().close());
            }
        }
        return 0;
    }

    private static boolean parseInference(String value) {
        return switch (value) {
            case "fused" -> true;
            case "djl" -> false;
            default -> throw new IllegalArgumentException("--inference must be fused or djl, got '" + value + "'\nusage: " + USAGE);
        };
    }

    /** Milliseconds of each predict call made within {@code seconds}. */
    private static double[] run(FillModel model, List<CropInput> input, double seconds) throws Exception {
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.isEmpty()) {
            long t0 = System.nanoTime();
            List<ContainerEstimate> out = model.predict(input);
            times.add((System.nanoTime() - t0) / 1e6);
            if (out.size() != input.size()) {
                throw new IllegalStateException("model returned " + out.size() + " estimates for " + input.size() + " crops");
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Container crops from rendered sites, cut with the model's own cropper. */
    private static List<CropInput> crops(FillModel model, int count) {
        List<CropInput> crops = new ArrayList<>();
        SceneRenderer renderer = new SceneRenderer(7, null);
        while (crops.size() < count) {
            SceneSpec spec = renderer.randomSpec(1280, 720);
            try (RenderedScene scene = renderer.render(spec)) {
                for (ContainerTruth truth : scene.containers()) {
                    if (crops.size() < count) {
                        List<Point> polygon = truth.polygon().stream().map(p -> new Point(p[0], p[1])).toList();
                        Mat crop = model.cropper().crop(scene.image(), polygon);
                        crops.add(new CropInput(truth.id(), crop, true));
                    }
                }
            }
        }
        return crops;
    }

    private static int[] parseBatches(String value) {
        try {
            int[] b = Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            if (b.length == 0 || Arrays.stream(b).anyMatch(n -> n < 1 || n > 256)) {
                throw new IllegalArgumentException("--batch sizes must be within 1..256, got " + value);
            }
            return b;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--batch must be a comma-separated list of whole numbers, got " + value);
        }
    }

    private static double parseSeconds(String value) {
        try {
            double s = Double.parseDouble(value);
            if (!(s > 0 && s <= 600)) {
                throw new IllegalArgumentException("--seconds must be within 0..600, got " + value);
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seconds must be a number, got " + value);
        }
    }

    /** VmHWM: the JVM, libtorch with the model and its activations, and the crops. */
    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MiB").findFirst().orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
