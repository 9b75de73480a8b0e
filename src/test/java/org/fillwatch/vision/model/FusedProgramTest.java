package org.fillwatch.vision.model;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(source).contains("x = torch.contiguous(torch.to(x, 15), memory_format=2)")
                    .contains("packed.append(ops.mkldnn._reorder_convolution_weight(torch.to(self.w[0], 15), ")
                    .contains("self.q = [torch.to(t, 15) for t in self.b]")
                    .contains("b = self.q")
                    .contains("y = torch.to(torch.conv2d(torch.contiguous(torch.to(y, 6)), self.w[50], self.b[50]")
                    .contains("f = torch.mean(torch.to(x, 6), [2, 3])")
                    .contains("return torch.linear(f, self.w[52], self.b[52])");
            assertThat(FusedProgram.source(network, 112, Set.of(), Precision.FLOAT32)).doesNotContain("torch.to(");
        }
    }
}
