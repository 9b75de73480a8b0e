package org.fillwatch.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Benchmark 1 (JMH): one {@link FillModel#predict} call (the service's translator, network and
 * post-processing, one predictor, one intra-op thread) on {@code batch} container crops cut from
 * rendered 1280x720 sites by the model's cropper; the summary divides by the batch size to give
 * milliseconds per crop. {@code main} runs it and prints one line per batch size.
 *
 * <pre>scripts/bench.sh inference [--model models/fill-level]</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InferenceBenchmark {

    @Param({"1", "4", "16"})
    public int batch;

    @Param("models/fill-level")
    public String model;

    private FillModel fillModel;
    private List<CropInput> crops;

    @Setup(Level.Trial)
    public void load() {
        fillModel = new FillModel(Path.of(model), 0.5, 1);
        crops = new ArrayList<>();
        SceneRenderer renderer = new SceneRenderer(7, null);
        while (crops.size() < batch) {
            try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
                for (ContainerTruth t : scene.containers()) {
                    if (crops.size() < batch) {
                        crops.add(new CropInput(t.id(), fillModel.cropper().crop(scene.image(),
                                ShippedModelScenes.polygon(t)), true));
                    }
                }
            }
        }
    }

    @Benchmark
    public List<ContainerEstimate> predict() throws Exception {
        return fillModel.predict(crops);
    }

    @TearDown(Level.Trial)
    public void close() {
        crops.forEach(c -> c.crop().close());
        fillModel.close();
    }

    public static void main(String[] args) throws Exception {
        String model = args.length >= 2 && args[0].equals("--model") ? args[1] : "models/fill-level";
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(InferenceBenchmark.class.getSimpleName())
                .param("model", model)
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(5))
                .measurementIterations(3).measurementTime(TimeValue.seconds(10))
                .jvmArgsAppend("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                        "-Dai.djl.offline=true", "-Xmx1g")
                .build()).run();
        String load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
        for (RunResult r : results) {
            int b = Integer.parseInt(r.getParams().getParam("batch"));
            double ms = r.getPrimaryResult().getScore();
            double err = r.getPrimaryResult().getScoreError();
            System.out.printf(Locale.ROOT, "INFERENCE batch %2d: %.2f ms per crop (%.2f +- %.2f ms per call), one intra-op"
                    + " thread (target <= 3 ms batched); load average %s%n", b, ms / b, ms, err, load);
        }
    }
}
