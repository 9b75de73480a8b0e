package org.fillwatch.pavilion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The configuration folders shipped in the repository load without a single problem. */
class ShippedConfigurationTest {

    @ParameterizedTest
    @ValueSource(strings = {"camera-config/demo", "camera-config/compose"})
    void loadsCleanly(String folder) {
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(Path.of(folder));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.pavilions()).extracting(Pavilion::id).containsExactly("ptr-001", "ptr-002", "ptr-003");
        assertThat(loaded.pavilions()).extracting(Pavilion::carrierId).contains("carrier-a", "carrier-b");
    }

    @Test
    void composePavilionsWatchTheSimulatorOverRtsp() {
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(Path.of("camera-config/compose"));

        assertThat(loaded.pavilions()).allSatisfy(p -> {
            assertThat(p.camera().url()).isEqualTo("rtsp://camera-sim:8554/clips/" + p.id());
            assertThat(p.camera().mode()).isEqualTo(SamplingMode.BURST);
        });
    }
}
