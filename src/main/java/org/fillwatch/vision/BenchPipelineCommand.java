package org.fillwatch.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.camera.JpegDecoder;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.fillwatch.vision.model.Precision;
import org.fillwatch.vision.training.CommandArgs;

/**
 * {@code bench-pipeline --frames DIR [--model DIR] [--seconds 20] [--workers 1]}: frames per second
 * through FillWatch's own path for the frame set that {@code bench/reference_pipeline.py} runs:
 * JPEG decode, the service's {@code ContainerCropper} (perspective warp) for every container, and
 * one {@link FillModel#predict} call per frame with all of its crops (the service's batch policy),
 * on {@code --workers} threads sharing a predictor pool of that size, one intra-op thread each.
 * Each JPEG is decoded at the size the service would take it ({@code --decode service}: as small as
 * {@link FrameAnalyzer#reduction} allows) or whole ({@code --decode whole}).
 * JPEG bytes are read into memory first; a warm-up of 2 s is not counted.
 */
public final class BenchPipelineCommand {

    private static final String USAGE = "bench-pipeline --frames DIR [--model models/fill-level] [--seconds 20] [--workers 1] [--precision auto] [--decode service|whole]";

    private BenchPipelineCommand() {
    }

    /** Frames and crops done in the time, and the nanoseconds spent decoding, cropping and in the model. */
    record Result(long frames, long crops, double seconds, long decodeNs, long cropNs, long modelNs) {
        double framesPerSecond() {
            return frames / seconds;
        }
    }

    public static int main(String[] args) throws Exception {
        CommandArgs a = CommandArgs.parse(args, Set.of("--frames", "--model", "--seconds", "--workers", "--predictors", "--precision", "--decode"),
                Set.of("--frames"), USAGE);
        Path dir = Path.of(a.text("--frames", null));
        Path modelDir = Path.of(a.text("--model", "models/fill-level"));
        double seconds = a.decimal("--seconds", 20, 0.1, 600);
        int workers = a.integer("--workers", 1, 1, 64);
        int predictors = a.integer("--predictors", workers, 1, 64);
        Precision precision = Precision.parse(a.text("--precision", "auto"), "--precision");
        String decode = a.text("--decode", "service");
        if (!decode.equals("service") && !decode.equals("whole")) {
            throw new IllegalArgumentException("--decode must be service or whole, got " + decode + "\nusage: " + USAGE);
        }
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("--model: folder " + modelDir + " does not exist");
        }
        BenchFrames frames = BenchFrames.read(dir);
        List<byte[]> jpegs = frames.jpegs();
        try (FillModel model = new FillModel(modelDir, 0.5, predictors, true, precision)) {
            int[] reductions = reductions(model, frames, jpegs, decode.equals("service"));
            run(model, frames, jpegs, reductions, workers, Math.min(2, seconds));
            long callsBefore = model.networkCalls();
            Result r = run(model, frames, jpegs, reductions, workers, seconds);
            double cropsPerCall = (double) r.crops() / Math.max(1, model.networkCalls() - callsBefore);
            System.out.printf(java.util.Locale.ROOT, "fillwatch: %.2f frames/s (%d frames, %.2f crops per frame, %.1f s; "
                            + "per frame %.1f ms decode, %.1f ms crops, %.1f ms model; "
                            + "%d worker(s), %d predictor(s), %.1f crops per network call, %d intra-op thread(s) each, model %s, %s; decoded %s)%n",
                    r.framesPerSecond(),
                    r.frames(), (double) r.crops() / r.frames(), r.seconds(), r.decodeNs() / 1e6 / r.frames(),
                    r.cropNs() / 1e6 / r.frames(), r.modelNs() / 1e6 / r.frames(), workers, predictors, cropsPerCall,
                    FillModel.torchThreads(), model.version(), model.engine(), describe(reductions));
        }
        return 0;
    }

    /** Per frame, how many times smaller it is decoded: the service's rule, or 1 for all. */
    private static int[] reductions(FillModel model, BenchFrames frames, List<byte[]> jpegs, boolean asTheService) {
        int[] reductions = new int[jpegs.size()];
        for (int i = 0; i < reductions.length; i++) {
            reductions[i] = 1;
            if (asTheService) {
                try (Mat image = JpegDecoder.decode(jpegs.get(i), 1)) {
                    reductions[i] = FrameAnalyzer.reduction(model.cropper(), frames.frames().get(i).polygons(), image.cols(),
                            image.rows(), FrameQuality.WORK_WIDTH);
                }
            }
        }
        return reductions;
    }

    private static String describe(int[] reductions) {
        java.util.Map<Integer, Long> counts = java.util.Arrays.stream(reductions).boxed()
                .collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        StringBuilder s = new StringBuilder();
        counts.forEach((r, n) -> s.append(s.isEmpty() ? "" : ", ").append(n).append(r == 1 ? " whole" : " at 1/" + r));
        return s.toString();
    }

    static Result run(FillModel model, BenchFrames frames, List<byte[]> jpegs, int[] reductions, int workers, double seconds)
            throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong crops = new AtomicLong();
        long[] stages = new long[3];
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                long[] mine = new long[3];
                try {
                    while (System.nanoTime() < end) {
                        int i = (int) (next.getAndIncrement() % jpegs.size());
                        crops.addAndGet(frame(model, jpegs.get(i), reductions[i], frames.frames().get(i).polygons(), mine));
                        done.incrementAndGet();
                    }
                    synchronized (stages) {
                        for (int k = 0; k < 3; k++) {
                            stages[k] += mine[k];
                        }
                    }
                } catch (Exception | Error e) {
                    failures.add(e);
                }
            }, "bench-worker-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("bench worker failed: " + failures.get(0), failures.get(0));
        }
        return new Result(done.get(), crops.get(), (System.nanoTime() - start) / 1e9, stages[0], stages[1], stages[2]);
    }

    /**
     * One frame as the service handles it: decode, crop every container, one batch; returns the crop
     * count and adds the nanoseconds of each stage to {@code stages}.
     */
    private static int frame(FillModel model, byte[] jpeg, int reduction, List<List<Point>> polygons, long[] stages)
            throws Exception {
        List<CropInput> crops = new ArrayList<>(polygons.size());
        long t0 = System.nanoTime();
        try (Mat image = JpegDecoder.decode(jpeg, reduction)) {
            long t1 = System.nanoTime();
            for (int c = 0; c < polygons.size(); c++) {
                crops.add(new CropInput("c" + c, model.cropper().crop(image, polygons.get(c)), true));
            }
            long t2 = System.nanoTime();
            List<ContainerEstimate> estimates = model.predict(crops);
            stages[0] += t1 - t0;
            stages[1] += t2 - t1;
            stages[2] += System.nanoTime() - t2;
            if (estimates.size() != crops.size()) {
                throw new IllegalStateException(estimates.size() + " estimates for " + crops.size() + " crops");
            }
            return crops.size();
        } finally {
            crops.forEach(c -> c.crop().close());
        }
    }
}
