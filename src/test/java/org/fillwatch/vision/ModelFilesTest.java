package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fillwatch.FillWatchApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Broken model folders: the service does not start and the error names the file (the shipped
 * model is the one every pavilion without a site model needs: running without it would read
 * nothing). A broken site model is refused for its pavilion only (see SiteModels and
 * SiteModelTest): the others, and that pavilion on the default model, keep going.
 */
class ModelFilesTest {

    @Test
    void metadataWithAnInputSizeOutOfRangeNamesFileAndField(@TempDir Path dir) throws Exception {
        assertInputSizeRefused(dir, "4096", "inputSize must be 32..512, got 4096");
    }

    @Test
    void metadataWithAnInputShapeOfTheWrongTypeNamesFileAndField(@TempDir Path dir) throws Exception {
        assertInputSizeRefused(dir, "[3, 128, 128]", "inputSize");
    }

    private static void assertInputSizeRefused(Path dir, String inputSize, String message) throws Exception {
        copyShipped(dir);
        Path metadata = dir.resolve("metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replaceAll("\"inputSize\": *\\d+", "\"inputSize\": " + inputSize));
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1))
                .hasMessageContaining(metadata.toAbsolutePath().toString()).hasMessageContaining(message);
    }

    @Test
    void weightsOfAnotherFileNameTheFile(@TempDir Path dir) throws Exception {
        copyShipped(dir);
        Path metadata = dir.resolve("metadata.json");
        Files.writeString(metadata, Files.readString(metadata).replaceAll("\"weightsSha256\": \"[0-9a-f]+\",", ""));
        Path weights = dir.resolve("fill-level-0000.params");
        byte[] bytes = Files.readAllBytes(weights);
        Arrays.fill(bytes, bytes.length / 3, bytes.length / 3 + 64, (byte) 0x7f); // garbled in the middle
        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 1000));
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1)).hasMessageContaining(weights.toAbsolutePath().toString());
    }

    @Test
    void theServiceDoesNotStartWithoutItsModelAndSaysWhichFile(@TempDir Path dir) throws Exception {
        copyShipped(dir);
        Files.delete(dir.resolve("fill-level-0000.params"));
        // command-line arguments: they override application.yml, as an operator's would
        assertThatThrownBy(() -> new SpringApplicationBuilder(FillWatchApplication.class).run(
                        "--spring.datasource.url=jdbc:h2:mem:model-files;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "--fillwatch.mqtt.url=", "--fillwatch.mqtt.embedded-port=0", "--fillwatch.cameras.enabled=false",
                        "--server.port=0", "--fillwatch.vision.model-dir=" + dir).close())
                .satisfies(e -> {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root.getMessage()).isEqualTo("model weights missing: "
                            + dir.resolve("fill-level-0000.params").toAbsolutePath());
                });
    }

    private static void copyShipped(Path dir) throws Exception {
        for (String f : new String[] {"metadata.json", "fill-level-0000.params"}) {
            Files.copy(FillModelTest.SHIPPED.resolve(f), dir.resolve(f));
        }
    }
}
