package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class FillTranslatorTest {

    private static final int SIZE = 8;

    private static Mat solid(int b, int g, int r) {
        return new Mat(SIZE, SIZE, CV_8UC3, new Scalar(b, g, r, 0));
    }

    /** A solid crop with one pixel of its own at row 2, column 5, so that a swapped H and W shows. */
    private static Mat marked(int b, int g, int r) {
        Mat crop = solid(b, g, r);
        crop.ptr(2, 5).put((byte) 1, (byte) 2, (byte) 3);
        return crop;
    }

    /** The one input tensor the translator makes of these crops. */
    private static NDArray input(NDManager manager, boolean pixels, Mat... crops) throws Exception {
        List<CropInput> inputs = new java.util.ArrayList<>();
        for (Mat crop : crops) {
            inputs.add(new CropInput("c" + inputs.size(), crop, true));
        }
        return new FillTranslator(SIZE, 0.5, pixels).processInput(new FakeContext(manager), inputs).singletonOrThrow();
    }

    @Test
    void preprocessingGivesRgbChannelsFirstScaledAround128() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Mat crop = marked(0, 128, 255); Mat grey = solid(128, 128, 128)) {
            NDArray x = input(manager, false, crop, grey);
            assertThat(x.getShape()).isEqualTo(new Shape(2, 3, SIZE, SIZE));
            assertThat(x.get(0).get(0).get(0).toFloatArray()).containsOnly(127 / 128f);
            assertThat(x.get(0).get(1).get(0).toFloatArray()).containsOnly(0f);
            assertThat(x.get(0).get(2).get(0).toFloatArray()).containsOnly(-1f);
            // the marked pixel (B 1, G 2, R 3) as R, G, B at row 2, column 5
            assertThat(x.get("0, :, 2, 5").toFloatArray()).containsExactly(-125 / 128f, -126 / 128f, -127 / 128f);
            assertThat(x.get("0, :, 5, 2").toFloatArray()).containsExactly(127 / 128f, 0f, -1f);
            assertThat(x.get(1).toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void aFusedProgramGetsTheCropsBgrBytesAsTheyAre() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Mat crop = marked(0, 128, 255); Mat other = solid(7, 8, 9)) {
            NDArray x = input(manager, true, crop, other);
            assertThat(x.getShape()).isEqualTo(new Shape(2, SIZE, SIZE, 3));
            assertThat(x.getDataType()).isEqualTo(DataType.UINT8);
            assertThat(x.get("0, 2, 5").toUint8Array()).containsExactly(1, 2, 3);
            assertThat(x.get("0, 5, 2").toUint8Array()).containsExactly(0, 128, 255);
            assertThat(x.get(1).get(SIZE - 1).get(SIZE - 1).toUint8Array()).containsExactly(7, 8, 9);
        }
    }

    @Test
    void aCropOfTheWrongSizeIsNamed() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Mat crop = solid(0, 0, 0); Mat small = new Mat(4, 4, CV_8UC3);
             FakeContext ctx = new FakeContext(manager)) {
            FillTranslator translator = new FillTranslator(SIZE, 0.5, true);
            assertThatThrownBy(() -> translator.processInput(ctx, List.of(new CropInput("c1", crop, true),
                    new CropInput("c7", small, true))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("crop of c7 is 4x4, the model takes 8x8");
        }
    }

    /** logits: fill, empty, partial, full, overflowing, waste-around, present */
    private static ContainerEstimate post(float[] logits, boolean usable, double minConfidence) {
        return new FillTranslator(SIZE, minConfidence, false).estimate(new CropInput("c1", null, usable), logits, 0);
    }

    @Test
    void postprocessingTakesTheMostProbableStateAndSigmoidHeads() {
        ContainerEstimate e = post(new float[] {0, 0, 0, 4, 0, -10, 10}, true, 0.5);
        assertThat(e.containerId()).isEqualTo("c1");
        assertThat(e.state()).isEqualTo(FillState.FULL);
        assertThat(e.fillPercent()).isCloseTo(50, within(1e-6));
        double full = Math.exp(4) / (Math.exp(4) + 3);
        assertThat(e.confidence()).isCloseTo(full, within(1e-6));
        assertThat(e.wasteAround()).isCloseTo(1 / (1 + Math.exp(10)), within(1e-9));
    }

    @Test
    void lowConfidenceOrUnusableFrameGiveUnknownAndAMissingContainerAbsent() {
        float[] sure = {2, 0, 0, 0, 5, 0, 10};
        assertThat(post(sure, true, 0.5).state()).isEqualTo(FillState.OVERFLOWING);
        assertThat(post(sure, false, 0.5).state()).isEqualTo(FillState.UNKNOWN);
        float[] absent = {2, 0, 0, 0, 5, 0, -3};
        assertThat(post(absent, true, 0.5).state()).isEqualTo(FillState.ABSENT);
        assertThat(post(absent, false, 0.5).state()).as("an unusable frame says nothing about presence")
                .isEqualTo(FillState.UNKNOWN);
        float[] unsure = {0, 0.2f, 0.1f, 0, 0, 0, 10};
        ContainerEstimate e = post(unsure, true, 0.5);
        assertThat(e.state()).isEqualTo(FillState.UNKNOWN);
        assertThat(e.confidence()).isLessThan(0.5);
        assertThat(post(unsure, true, 0.2).state()).isEqualTo(FillState.EMPTY);
    }

    @Test
    void oneCallKeepsEachCropWithItsOwnOutput() throws Exception {
        // a stand-in network whose logits follow the crop's red level: red crops read full, dark ones empty
        LambdaBlock block = new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            NDArray red = x.get(new NDIndex(":, 0")).mean(new int[] {2}).mean(new int[] {1});
            NDArray zero = red.zerosLike();
            return new NDList(NDArrays.stack(new NDList(red.mul(10), red.mul(-5), zero, red.mul(5), zero.sub(9),
                    zero, zero.add(9)), 1));
        });
        try (Model model = Model.newInstance("stand-in", "PyTorch"); Mat red = solid(0, 0, 255); Mat dark = solid(0, 0, 0)) {
            model.setBlock(block);
            try (Predictor<List<CropInput>, List<ContainerEstimate>> predictor = model.newPredictor(new FillTranslator(SIZE, 0.5, false))) {
                List<ContainerEstimate> out = predictor.predict(List.of(
                        new CropInput("red", red, true), new CropInput("dark", dark, true), new CropInput("red2", red, true)));
                assertThat(out).extracting(ContainerEstimate::containerId).containsExactly("red", "dark", "red2");
                assertThat(out).extracting(ContainerEstimate::state)
                        .containsExactly(FillState.FULL, FillState.EMPTY, FillState.FULL);
                assertThat(out.get(0).fillPercent()).isGreaterThan(99);
                assertThat(out.get(1).fillPercent()).isLessThan(1);
            }
        }
    }

    /** The parts of a translator context that pre-processing uses. */
    private static final class FakeContext implements ai.djl.translate.TranslatorContext {
        private final NDManager manager;
        private final Map<String, Object> attachments = new HashMap<>();

        FakeContext(NDManager manager) {
            this.manager = manager;
        }

        @Override
        public Model getModel() {
            return null;
        }

        @Override
        public NDManager getNDManager() {
            return manager;
        }

        @Override
        public NDManager getPredictorManager() {
            return manager;
        }

        @Override
        public ai.djl.nn.Block getBlock() {
            return null;
        }

        @Override
        public ai.djl.metric.Metrics getMetrics() {
            return null;
        }

        @Override
        public Object getAttachment(String key) {
            return attachments.get(key);
        }

        @Override
        public void setAttachment(String key, Object value) {
            attachments.put(key, value);
        }

        @Override
        public void close() {
        }
    }
}
