package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.vision.model.HeadOutputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model shipped in models/fill-level, on scenes rendered with a seed it was neither trained nor validated on. */
class FillModelTest {

    static final Path SHIPPED = Path.of("models/fill-level");
    /** Floor for the state accuracy on fresh synthetic crops; the model card reports the measured value. */
    static final double STATE_ACCURACY_FLOOR = 0.6;

    private static FillModel model;

    @BeforeAll
    static void load() {
        model = new FillModel(SHIPPED, 0.0, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /**
     * Frames of several cameras arriving together share network calls, and every caller gets exactly
     * its own crops' estimates, the same as when its frame runs alone.
     */
    @Test
    void framesOfSeveralCamerasShareOneBatchAndEachGetsItsOwnEstimates() throws Exception {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 900, null);
        List<List<CropInput>> frames = new ArrayList<>();
        List<List<ContainerEstimate>> alone = new ArrayList<>();
        try {
            for (int f = 0; f < 8; f++) {
                try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
                    List<CropInput> crops = new ArrayList<>();
                    for (ContainerTruth t : scene.containers()) {
                        crops.add(new CropInput("f" + f + "-" + t.id(), model.cropper().crop(scene.image(),
                                ShippedModelScenes.polygon(t)), true));
                    }
                    frames.add(crops);
                    alone.add(model.predict(crops));
                }
            }
            long callsBefore = model.networkCalls();
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<ContainerEstimate>>> together = new ArrayList<>();
            for (List<CropInput> crops : frames) {
                together.add(callers.submit(() -> {
                    start.await();
                    return model.predict(crops);
                }));
            }
            start.countDown();
            for (int f = 0; f < frames.size(); f++) {
                List<ContainerEstimate> got = together.get(f).get();
                assertThat(got).extracting(ContainerEstimate::containerId)
                        .containsExactlyElementsOf(frames.get(f).stream().map(CropInput::containerId).toList());
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).fillPercent()).isCloseTo(alone.get(f).get(i).fillPercent(),
                            org.assertj.core.data.Offset.offset(0.01));
                    assertThat(got.get(i).state()).isEqualTo(alone.get(f).get(i).state());
                }
            }
            callers.shutdown();
            long calls = model.networkCalls() - callsBefore;
            System.out.printf("8 frames from 8 threads: %d network call(s)%n", calls);
            assertThat(calls).as("frames waiting together share a call").isLessThan(frames.size());
        } finally {
            frames.forEach(crops -> crops.forEach(c -> c.crop().close()));
        }
    }

    @Test
    void readsRenderedContainersWellEnough() throws Exception {
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED, null);
        List<ContainerTruth> truths = new ArrayList<>();
        List<ContainerEstimate> estimates = new ArrayList<>();
        while (truths.size() < 48) {
            try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
                List<CropInput> crops = new ArrayList<>();
                try {
                    for (ContainerTruth t : scene.containers()) {
                        if (t.present()) {
                            crops.add(new CropInput(t.id(), model.cropper().crop(scene.image(),
                                    ShippedModelScenes.polygon(t)), true));
                            truths.add(t);
                        }
                    }
                    estimates.addAll(model.predict(crops));
                } finally {
                    crops.forEach(c -> c.crop().close());
                }
            }
        }
        FillState[] names = {FillState.EMPTY, FillState.PARTIAL, FillState.FULL, FillState.OVERFLOWING};
        int right = 0;
        double emptySum = 0;
        int emptyN = 0;
        double fullSum = 0;
        int fullN = 0;
        for (int i = 0; i < truths.size(); i++) {
            ContainerTruth t = truths.get(i);
            ContainerEstimate e = estimates.get(i);
            assertThat(e.containerId()).isEqualTo(t.id());
            right += e.state() == names[HeadOutputs.stateOf(t.fill(), t.overflowing())] ? 1 : 0;
            if (t.fill() < 0.15) {
                emptySum += e.fillPercent();
                emptyN++;
            } else if (t.fill() >= 0.75) {
                fullSum += e.fillPercent();
                fullN++;
            }
        }
        double accuracy = (double) right / truths.size();
        System.out.printf("shipped model on %d fresh rendered crops: state accuracy %.3f, mean fill empty %.1f %%"
                + " (n=%d), full %.1f %% (n=%d)%n", truths.size(), accuracy, emptySum / emptyN, emptyN, fullSum / fullN, fullN);
        assertThat(emptyN).isPositive();
        assertThat(fullN).isPositive();
        assertThat(emptySum / emptyN).isLessThan(fullSum / fullN - 20);
        assertThat(accuracy).isGreaterThan(STATE_ACCURACY_FLOOR);
    }

    @Test
    void missingModelFolderNamesTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> new FillModel(dir.resolve("nowhere"), 0.5, 1))
                .hasMessageContaining("metadata.json").hasMessageContaining("nowhere");
    }

    @Test
    void missingWeightsNameTheFile(@TempDir Path dir) throws IOException {
        Files.copy(SHIPPED.resolve("metadata.json"), dir.resolve("metadata.json"));
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1))
                .hasMessageContaining("weights missing").hasMessageContaining("fill-level-0000.params");
    }

    @Test
    void truncatedWeightsFailTheDigestCheckNamingTheFile(@TempDir Path dir) throws IOException {
        Files.copy(SHIPPED.resolve("metadata.json"), dir.resolve("metadata.json"));
        truncateWeightsInto(dir);
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1))
                .hasMessageContaining("do not match metadata.json").hasMessageContaining("fill-level-0000.params");
    }

    @Test
    void truncatedWeightsWithoutRecordedDigestNameTheFile(@TempDir Path dir) throws IOException {
        String metadata = Files.readString(SHIPPED.resolve("metadata.json"));
        Files.writeString(dir.resolve("metadata.json"), metadata.replaceAll("\"weightsSha256\": \"[0-9a-f]+\",", ""));
        truncateWeightsInto(dir);
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1))
                .hasMessageContaining("unreadable").hasMessageContaining("fill-level-0000.params");
    }

    private static void truncateWeightsInto(Path dir) throws IOException {
        byte[] weights = Files.readAllBytes(SHIPPED.resolve("fill-level-0000.params"));
        Files.write(dir.resolve("fill-level-0000.params"), Arrays.copyOf(weights, weights.length / 2));
    }

    @Test
    void metadataWithoutInputSizeNamesFileAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("metadata.json"), "{\"name\": \"fill-level\", \"version\": \"x\", \"cropMargin\": 0.15}");
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1))
                .hasMessageContaining("metadata.json").hasMessageContaining("inputSize");
    }

    @Test
    void cropsHaveTheModelsInputSize() {
        try (Mat frame = new Mat(100, 200, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
             Mat crop = model.cropper().crop(frame, List.of(new org.fillwatch.pavilion.ContainerSpec.Point(0.1, 0.1),
                     new org.fillwatch.pavilion.ContainerSpec.Point(0.5, 0.1),
                     new org.fillwatch.pavilion.ContainerSpec.Point(0.5, 0.9),
                     new org.fillwatch.pavilion.ContainerSpec.Point(0.1, 0.9)))) {
            assertThat(crop.cols()).isEqualTo(model.cropper().size());
            assertThat(model.version()).startsWith("fill-level-");
        }
    }
}
