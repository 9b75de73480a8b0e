package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fillwatch.vision.model.ModelMetadata;
import org.junit.jupiter.api.Test;

/** The benchmark's plumbing, not its figures: options are checked and every batch size is reported. */
class BenchInferenceCommandTest {

    @Test
    void reportsEveryBatchSizeOfTheShippedModel() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(BenchInferenceCommand.main(new String[] {"--batch", "1,3", "--seconds", "0.2"})).isZero();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        int size = ModelMetadata.read(Path.of("models/fill-level")).inputSize();
        assertThat(out).contains("input " + size + " px").containsPattern("batch +1: [0-9.]+ ms per crop")
                .containsPattern("batch +3: [0-9.]+ ms per crop").contains("load average");
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> BenchInferenceCommand.main(new String[] {"--batch", "0"})).hasMessageContaining("--batch");
        assertThatThrownBy(() -> BenchInferenceCommand.main(new String[] {"--seconds", "x"})).hasMessageContaining("--seconds");
        assertThatThrownBy(() -> BenchInferenceCommand.main(new String[] {"--model", "nowhere"}))
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> BenchInferenceCommand.main(new String[] {"--fast", "1"}))
                .hasMessageContaining("unknown option --fast");
    }
}
