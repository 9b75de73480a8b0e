package org.fillwatch.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration file: written and read back whole, and every way it can be wrong named by file and field. */
class Int8CalibrationTest {

    private static final ModelMetadata MODEL = new ModelMetadata("fill-level", "v1", 112, 0.15, "ab12");

    @Test
    void writtenCalibrationReadsBackTheSame(@TempDir Path dir) throws Exception {
        new Int8Calibration("ab12", 112, Map.of(5, new double[] {-3.5, 4.25}, 2, new double[] {-1, 2}), 96,
                List.of("crops/a", "crops/b")).write(dir);
        Int8Calibration read = Int8Calibration.read(dir, MODEL);
        assertThat(read.ranges()).containsOnlyKeys(2, 5);
        assertThat(read.ranges().get(5)).containsExactly(-3.5, 4.25);
        assertThat(read.crops()).isEqualTo(96);
        assertThat(read.sources()).containsExactly("crops/a", "crops/b");
    }

    @Test
    void missingFileSaysHowToMakeIt(@TempDir Path dir) {
        assertThatThrownBy(() -> Int8Calibration.read(dir, MODEL))
                .hasMessageContaining("int8 calibration missing").hasMessageContaining(dir.resolve(Int8Calibration.FILE).toString())
                .hasMessageContaining("calibrate-int8 --model");
    }

    @Test
    void rangesOfOtherWeightsOrAnotherSizeAreRefused(@TempDir Path dir) throws Exception {
        new Int8Calibration("ffff", 112, Map.of(2, new double[] {-1, 2}), 10, List.of()).write(dir);
        assertThatThrownBy(() -> Int8Calibration.read(dir, MODEL))
                .hasMessageContaining(Int8Calibration.FILE).hasMessageContaining("field weightsSha256 ffff")
                .hasMessageContaining("calibrate again");
        new Int8Calibration("ab12", 128, Map.of(2, new double[] {-1, 2}), 10, List.of()).write(dir);
        assertThatThrownBy(() -> Int8Calibration.read(dir, MODEL))
                .hasMessageContaining("field inputSize 128 is not the model's 112");
    }

    @Test
    void aBrokenRangeIsNamedByItsLayer(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Int8Calibration.FILE),
                "{\"weightsSha256\": \"ab12\", \"inputSize\": 112, \"ranges\": {\"2\": [-1, 2], \"5\": [3, 1]}}");
        assertThatThrownBy(() -> Int8Calibration.read(dir, MODEL))
                .hasMessageContaining("field ranges.5 must be [min, max] with min <= max, got [3,1]");
        Files.writeString(dir.resolve(Int8Calibration.FILE), "{\"weightsSha256\": \"ab12\", \"inputSize\": 112}");
        assertThatThrownBy(() -> Int8Calibration.read(dir, MODEL)).hasMessageContaining("field ranges missing");
        Files.writeString(dir.resolve(Int8Calibration.FILE), "{not json");
        assertThatThrownBy(() -> Int8Calibration.read(dir, MODEL)).hasMessageContaining("int8 calibration unreadable");
    }

    /** The int8 source quantises each projection with its calibrated range and keeps relu6 layers at 0..6. */
    @Test
    void sourceQuantisesProjectionsWithTheirCalibratedRanges() throws Exception {
        try (FillLevelModelFiles.Loaded loaded = FillLevelModelFiles.load(Path.of("models/fill-level"))) {
            FillLevelNetwork network = (FillLevelNetwork) loaded.model().getBlock();
            List<Integer> projections = Int8Program.projections(network, 112);
            assertThat(projections).hasSize(17).startsWith(2, 5);
            Map<Integer, double[]> ranges = new java.util.HashMap<>();
            projections.forEach(l -> ranges.put(l, new double[] {-25.5, 25.5}));
            String source = Int8Program.source(network, 112, ranges);
            assertThat(source.lines().filter(l -> l.contains("ops.onednn.qconv2d_pointwise(")).count())
                    .isEqualTo(network.features().convs().size());
            // -25.5..25.5 in 255 steps of 0.2, zero at 128 (rounded from 127.5)
            assertThat(source).contains("y = ops.onednn.qconv2d_pointwise(y, 0.023529411764705882, 0, p[2], self.q[2], zp[2], "
                    + "self.b[2], [1, 1], [0, 0], [1, 1], 1, 0.2, 128, None, \"none\", none, None)");
            ranges.remove(5);
            assertThatThrownBy(() -> Int8Program.source(network, 112, ranges)).hasMessageContaining("no range for layer 5");
        }
    }
}
