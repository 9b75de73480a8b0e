package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.vision.model.ModelMetadata;
import org.fillwatch.vision.training.FineTuneCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code finetune --data} on a small rendered set writes a model folder that evaluate and the
 * service load, and a pavilion whose configuration names it is read with it.
 */
class SiteModelTest {

    @TempDir
    static Path tmp;
    private static Path site;
    private static FillModel defaultModel;

    @BeforeAll
    static void fineTune() throws Exception {
        Path data = tmp.resolve("labels");
        ExportEvalSetCommand.export(data, 40, ShippedModelScenes.TEST_SEED + 11, 128, null, false);
        site = tmp.resolve("site-a");
        assertThat(FineTuneCommand.main(new String[] {"--data", data.toString(), "--out", site.toString(),
            "--model", FillModelTest.SHIPPED.toString(), "--epochs", "1", "--batch", "8"})).isZero();
        defaultModel = new FillModel(FillModelTest.SHIPPED, 0.5, 1);
    }

    @AfterAll
    static void close() {
        defaultModel.close();
    }

    @Test
    void writesAModelFolderWithChangedWeightsAndTheHeldBackScores() throws Exception {
        JsonObject metadata = JsonParser.parseString(Files.readString(site.resolve("metadata.json"))).getAsJsonObject();
        JsonObject tune = metadata.getAsJsonObject("finetune");
        assertThat(tune.get("trainImages").getAsInt() + tune.getAsJsonArray("heldBackFiles").size()).isEqualTo(40);
        assertThat(tune.getAsJsonObject("heldBackBefore").has("stateAccuracy")).isTrue();
        assertThat(tune.getAsJsonObject("heldBackAfter").has("stateAccuracy")).isTrue();
        assertThat(tune.getAsJsonObject("heldBackAfter").get("accuracy").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(ModelMetadata.sha256(site.resolve("fill-level-0000.params")))
                .isEqualTo(metadata.get("weightsSha256").getAsString())
                .isNotEqualTo(ModelMetadata.sha256(FillModelTest.SHIPPED.resolve("fill-level-0000.params")));
        try (FillModel tuned = new FillModel(site, 0.5, 1)) {
            assertThat(tuned.version()).isEqualTo(defaultModel.version() + "+site-site-a");
            EvaluationSet set = EvaluationSet.read(tmp.resolve("labels"));
            assertThat(EvaluateCommand.evaluate(tuned, set).n()).isEqualTo(40);
        }
    }

    @Test
    void eachPavilionIsReadWithItsOwnModelAndABrokenOneFallsBack() {
        SiteModels models = new SiteModels(defaultModel, 0.5, 1);
        List<Object> published = new ArrayList<>();
        FrameAnalyzer analyzer = new FrameAnalyzer(models, new FrameQuality(20, 20), published::add, new RecentCrops(1, 10));
        SceneRenderer renderer = new SceneRenderer(ShippedModelScenes.TEST_SEED + 12, null);
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720))) {
            Pavilion plain = ShippedModelScenes.pavilion(scene);
            analyzer.onFrame(plain, Instant.now(), scene.image());
            analyzer.onFrame(withModel(plain, site), Instant.now(), scene.image());
            analyzer.onFrame(withModel(plain, tmp.resolve("no-such-model")), Instant.now(), scene.image());
        } finally {
            models.close();
        }
        assertThat(published).extracting(e -> ((FrameAnalysed) e).modelVersion()).containsExactly(
                defaultModel.version(), defaultModel.version() + "+site-site-a", defaultModel.version());
    }

    @Test
    void tooFewImagesIsAClearError() throws Exception {
        Path few = tmp.resolve("few");
        Files.createDirectories(few.resolve("full"));
        Files.copy(Files.list(tmp.resolve("labels/partial")).findFirst().orElseThrow(), few.resolve("full/one.jpg"));
        assertThatThrownBy(() -> FineTuneCommand.main(new String[] {"--data", few.toString(), "--out",
            tmp.resolve("x").toString()})).hasMessageContaining("too few images").hasMessageContaining(few.toString());
    }

    private static Pavilion withModel(Pavilion p, Path model) {
        return new Pavilion(p.id(), p.name(), p.address(), p.district(), p.latitude(), p.longitude(), p.carrierId(),
                p.camera(), p.containers(), p.source(), model);
    }
}
