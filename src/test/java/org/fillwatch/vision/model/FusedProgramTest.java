package org.fillwatch.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FusedProgramTest {

    /** The bisection names the one layer that is wrong when fused, in log2(layers) builds. */
    @Test
    void bisectionFindsTheWrongLayer() throws Exception {
        for (int bad : new int[] {0, 1, 26, 50, 52}) {
            List<Integer> built = new ArrayList<>();
            int found = FusedProgram.turningLayer(53, from -> {
                built.add(from);
                return from <= bad; // agrees once the wrong layer is among the plain ones
            });
            assertThat(found).isEqualTo(bad);
            assertThat(built.size()).isLessThanOrEqualTo(6);
        }
    }

    /** Plain layers keep the network's NCHW convolution, the others call oneDNN with packed weights. */
    @Test
    void sourceUsesFusedCallsExceptForPlainLayers() throws Exception {
        try (FillLevelModelFiles.Loaded loaded = FillLevelModelFiles.load(Path.of("models/fill-level"))) {
            FillLevelNetwork network = (FillLevelNetwork) loaded.model().getBlock();
            String source = FusedProgram.source(network, 112, Set.of(50), Precision.FLOAT32);
            long fused = source.lines().filter(l -> l.contains("= ops.mkldnn._convolution_pointwise(")).count();
            long packed = source.lines().filter(l -> l.contains("packed.append(ops.mkldnn._reorder_convolution_weight(")).count();
            assertThat(fused).isEqualTo(network.features().convs().size() - 1);
            assertThat(packed).isEqualTo(fused);
            assertThat(source).contains("y = torch.conv2d(torch.contiguous(y), self.w[50], self.b[50], [1, 1], [0, 0], [1, 1], 1)")
                    .contains("packed.append(self.w[50])")
                    // the stem's TF-"SAME" padding is one row and column at the bottom and right for 112 px
                    .contains("x = torch.constant_pad_nd(x, [0, 1, 0, 1], 0.)")
                    .contains("return torch.linear(f, self.w[52], self.b[52])");
        }
    }

    /** bfloat16 between the input and the pooling; plain layers and the heads compute in float32. */
    @Test
    void bfloat16SourceConvertsOnceAtEachEnd() throws Exception {
        try (FillLevelModelFiles.Loaded loaded = FillLevelModelFiles.load(Path.of("models/fill-level"))) {
            FillLevelNetwork network = (FillLevelNetwork) loaded.model().getBlock();
            String source = FusedProgram.source(network, 112, Set.of(50), Precision.BFLOAT16);
            assertThat(source).contains("x = torch.contiguous(torch.div(torch.sub(torch.to(torch.permute(x, [0, 3, 1, 2]), 15), 128.), 128.), "
                            + "memory_format=2)")
                    .contains("packed.append(ops.mkldnn._reorder_convolution_weight(torch.to(self.w[0], 15), ")
                    .contains("self.q = [torch.to(t, 15) for t in self.b]")
                    .contains("b = self.q")
                    .contains("y = torch.to(torch.conv2d(torch.contiguous(torch.to(y, 6)), self.w[50], self.b[50]")
                    .contains("f = torch.mean(torch.to(x, 6), [2, 3])")
                    .contains("return torch.linear(f, self.w[52], self.b[52])");
            assertThat(FusedProgram.source(network, 112, Set.of(), Precision.FLOAT32).split("torch\\.to\\(", -1))
                    .as("float32: the input bytes are widened once, nothing else converts").hasSize(2);
        }
    }

    /** The programs read OpenCV's B, G, R bytes: the stem's weights take their input channels in that order. */
    @Test
    void inputChannelsReversedSwapsRedAndBlueOfEachFilter() {
        // 2 filters, 3 input channels, 1 x 2 kernel: values name filter, channel, position
        float[] w = {0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121};
        TorchScriptArchive.Tensor reversed = FusedProgram.inputChannelsReversed(new TorchScriptArchive.Tensor(new long[] {2, 3, 1, 2}, w));
        assertThat(reversed.shape()).containsExactly(2, 3, 1, 2);
        assertThat(reversed.values()).containsExactly(20, 21, 10, 11, 0, 1, 120, 121, 110, 111, 100, 101);
    }

    /** Normalised floats, as the DJL network reads them, are refused with what the program wants instead. */
    @Test
    void aProgramRefusesAnythingButTheCropsBytes() throws Exception {
        try (FillLevelModelFiles.Loaded loaded = FillLevelModelFiles.load(Path.of("models/fill-level"));
             FillLevelModelFiles.Loaded program = FusedProgram.compile(loaded, Precision.FLOAT32);
             Predictor<NDList, NDList> predictor = program.model().newPredictor(new NoopTranslator());
             NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> predictor.predict(new NDList(manager.zeros(new Shape(1, 3, 112, 112)))))
                    .hasStackTraceContaining("FusedFillNet takes uint8 N x 112 x 112 x 3 BGR crops");
            assertThatThrownBy(() -> predictor.predict(new NDList(manager.zeros(new Shape(1, 112, 112, 3)))))
                    .as("the right shape in floats").hasStackTraceContaining("takes uint8 N x 112 x 112 x 3 BGR crops");
            NDArray logits = predictor.predict(new NDList(manager.zeros(new Shape(2, 112, 112, 3), DataType.UINT8))).singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, FillLevelNetwork.OUTPUTS));
        }
    }
}
