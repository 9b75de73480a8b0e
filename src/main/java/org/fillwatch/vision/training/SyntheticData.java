package org.fillwatch.vision.training;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.scene.SceneSpec;
import org.fillwatch.vision.model.HeadOutputs;

/**
 * Containers cut from rendered scenes, where fill, state, presence and waste around are known.
 * Only the region around each container is kept (enough for the crop margin and the polygon
 * jitter), which keeps a few thousand examples in memory. The held-out set is rendered with a
 * different seed, so it shares no layouts or textures with the training set.
 */
final class SyntheticData implements AutoCloseable {

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    /** Different seeds for the held-out scenes: a large odd offset from the training seed. */
    static final long EVAL_SEED_OFFSET = 1_000_003;

    final List<Sample> train;
    final List<Sample> evaluation;
    final int trainScenes;
    final int evaluationScenes;
    final long evaluationSeed;

    /** @param cropSize the largest crop that will be cut (the student's, or a distillation teacher's) */
    SyntheticData(TrainOptions options, int cropSize, double cropMargin, PrintStream log) {
        long t0 = System.nanoTime();
        evaluationSeed = options.dataSeed() + EVAL_SEED_OFFSET;
        Rendered a = render(options.dataSeed(), options.synthetic(), cropSize, cropMargin);
        Rendered b = render(evaluationSeed, options.syntheticEval(), cropSize, cropMargin);
        train = a.samples;
        evaluation = b.samples;
        trainScenes = a.scenes;
        evaluationScenes = b.scenes;
        log.printf("synthetic: %d training crops from %d scenes (seed %d), %d held-out crops from %d scenes (seed %d), %.0f s%n",
                train.size(), trainScenes, options.dataSeed(), evaluation.size(), evaluationScenes, evaluationSeed,
                (System.nanoTime() - t0) / 1e9);
    }

    private record Rendered(List<Sample> samples, int scenes) {
    }

    private static Rendered render(long seed, int count, int size, double cropMargin) {
        List<Sample> samples = new ArrayList<>();
        int scenes = 0;
        if (count == 0) {
            return new Rendered(samples, 0);
        }
        SceneRenderer renderer = new SceneRenderer(seed, null);
        while (samples.size() < count) {
            SceneSpec spec = renderer.randomSpec(WIDTH, HEIGHT);
            try (RenderedScene scene = renderer.render(spec)) {
                scenes++;
                for (ContainerTruth truth : scene.containers()) {
                    if (samples.size() < count) {
                        samples.add(sample(scene.image(), truth, spec.fillVisible(truth.id()), "seed" + seed + "/scene" + scenes, size,
                                cropMargin));
                    }
                }
            }
        }
        return new Rendered(samples, scenes);
    }

    static List<Point> points(List<double[]> polygon) {
        return polygon.stream().map(p -> new Point(p[0], p[1])).toList();
    }

    /** Keeps the frame region the crop and its jitter can reach, shrunk to at most 3 crop sizes. */
    private static Sample sample(Mat frame, ContainerTruth truth, boolean fillVisible, String scene, int size, double cropMargin) {
        List<Point> polygon = points(truth.polygon());
        double cx = polygon.stream().mapToDouble(Point::x).average().orElseThrow();
        double cy = polygon.stream().mapToDouble(Point::y).average().orElseThrow();
        double reach = (1 + cropMargin) * 1.15;
        double minX = 1;
        double maxX = 0;
        double minY = 1;
        double maxY = 0;
        for (Point p : polygon) {
            double x = cx + (p.x() - cx) * reach;
            double y = cy + (p.y() - cy) * reach;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int w = frame.cols();
        int h = frame.rows();
        int x0 = clamp((int) Math.floor(minX * w), 0, w - 2);
        int y0 = clamp((int) Math.floor(minY * h), 0, h - 2);
        int x1 = clamp((int) Math.ceil(maxX * w), x0 + 2, w);
        int y1 = clamp((int) Math.ceil(maxY * h), y0 + 2, h);
        Mat region;
        try (Rect rect = new Rect(x0, y0, x1 - x0, y1 - y0); Mat view = new Mat(frame, rect)) {
            double scale = 3.0 * size / Math.max(x1 - x0, y1 - y0);
            region = new Mat();
            if (scale < 1) {
                try (Size target = new Size((int) Math.round((x1 - x0) * scale), (int) Math.round((y1 - y0) * scale))) {
                    opencv_imgproc.resize(view, region, target, 0, 0, INTER_AREA);
                }
            } else {
                view.copyTo(region);
            }
        }
        int regionW = x1 - x0;
        int regionH = y1 - y0;
        List<Point> local = polygon.stream()
                .map(p -> new Point((p.x() * w - x0) / regionW, (p.y() * h - y0) / regionH)).toList();
        float present = truth.present() ? 1 : 0;
        float[] targets = {(float) truth.fill(), HeadOutputs.stateOf(truth.fill(), truth.overflowing()),
            truth.wasteAround() ? 1 : 0, present, truth.overflowing() ? 1 : 0};
        // fill and state are unknowable where the container is gone or a closed lid hides the contents:
        // asking for them there only teaches the model to guess (and scores the guess); bags on a
        // closed lid are still visible, so whether it overflows is known for every standing container
        float known = fillVisible ? 1 : 0;
        float[] mask = {known, known, 1, 1, !fillVisible && truth.present() ? 1 : 0};
        return new Sample(scene + "/" + truth.id(), region, local, targets, mask, false);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public void close() {
        train.forEach(s -> s.image().close());
        evaluation.forEach(s -> s.image().close());
    }
}
