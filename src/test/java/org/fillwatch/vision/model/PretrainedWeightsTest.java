package org.fillwatch.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The native DJL MobileNetV2 with the converted weights must compute what the reference
 * TorchScript export of the same network computes. Skipped where the pretrained folder
 * (-Dfillwatch.pretrained, FILLWATCH_PRETRAINED, or ../shared/pretrained) is not present.
 */
class PretrainedWeightsTest {

    @Test
    void nativeBlockMatchesTorchScriptReference() throws Exception {
        Path dir = PretrainedWeights.defaultDirectory();
        assumeTrue(Files.isRegularFile(dir.resolve(PretrainedWeights.WEIGHTS_FILE))
                && Files.isRegularFile(dir.resolve("mobilenet_v2_features_ts.pt")), "no pretrained folder at " + dir);
        try (NDManager manager = NDManager.newBaseManager();
             Model reference = Model.newInstance("reference", "PyTorch")) {
            MobileNetV2Features block = new MobileNetV2Features();
            Shape input = new Shape(2, 3, 224, 224);
            block.initialize(manager, DataType.FLOAT32, input);
            PretrainedWeights.load(block, dir, manager);

            manager.getEngine().setRandomSeed(7);
            NDArray x = manager.randomUniform(-1f, 1f, input);
            NDArray ours = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();

            reference.load(dir, "mobilenet_v2_features_ts");
            try (Predictor<NDList, NDList> predictor = reference.newPredictor(new NoopTranslator())) {
                NDArray theirs = predictor.predict(new NDList(x)).singletonOrThrow();
                assertThat(ours.getShape()).isEqualTo(new Shape(2, MobileNetV2Features.FEATURES));
                float[] a = ours.toFloatArray();
                float[] b = theirs.reshape(2, -1).toFloatArray();
                assertThat(b).hasSameSizeAs(a);
                double maxDiff = 0;
                double maxAbs = 0;
                for (int i = 0; i < a.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                    maxAbs = Math.max(maxAbs, Math.abs(b[i]));
                }
                assertThat(maxAbs).isGreaterThan(0.1);
                assertThat(maxDiff).isLessThan(1e-3 * Math.max(1, maxAbs));
            }
        }
    }
}
