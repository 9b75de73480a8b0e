package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fillwatch.vision.model.Int8Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate-int8's arguments: every folder is checked before the model is loaded or anything written. */
class CalibrateInt8CommandTest {

    @Test
    void aMissingFolderAmongSeveralIsNamedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path model = FusedInferenceTest.copyOfShippedModel(dir.resolve("model"));
        Path crops = dir.resolve("crops");
        ExportEvalSetCommand.export(crops, 4, ShippedModelScenes.TEST_SEED + 31, 64, null, false);
        assertThatThrownBy(() -> CalibrateInt8Command.main(new String[] {"--data", crops + "," + dir.resolve("nowhere"),
                "--model", model.toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("folder " + dir.resolve("nowhere") + " does not exist");
        assertThat(model.resolve(Int8Calibration.FILE)).doesNotExist();
        assertThatThrownBy(() -> CalibrateInt8Command.main(new String[] {"--model", model.toString()}))
                .hasMessageContaining("missing --data").hasMessageContaining(CalibrateInt8Command.USAGE);
        assertThatThrownBy(() -> CalibrateInt8Command.main(new String[] {"--data", " , ", "--model", model.toString()}))
                .hasMessageContaining("--data names no folder");
        assertThat(Files.list(model).map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("metadata.json", "fill-level-0000.params");
    }
}
