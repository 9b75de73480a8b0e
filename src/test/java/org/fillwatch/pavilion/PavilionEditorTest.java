package org.fillwatch.pavilion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The region-of-interest editor's save: validated before replacing, the rest of the file kept. */
class PavilionEditorTest {

    @TempDir Path folder;
    private Path file;
    private YamlPavilions pavilions;
    private final List<Object> published = new ArrayList<>();
    private PavilionEditor editor;

    @BeforeEach
    void copyDemoPavilion() throws Exception {
        file = folder.resolve("ptr-001.yaml");
        // a comment and a flow-style polygon beside the demo's block-style ones
        String text = Files.readString(Path.of("camera-config/demo/ptr-001.yaml"))
                .replace("camera:\n", "camera:   # the pavilion's only camera\n")
                .replace("url: clips/ptr-001.avi", "url: " + Path.of("camera-config/demo/clips/ptr-001.avi").toAbsolutePath());
        Files.writeString(file, text);
        pavilions = new YamlPavilions(folder);
        editor = new YamlPavilionEditor(pavilions, published::add);
    }

    @Test
    void newPolygonReplacesOnlyItsOwnLinesAndIsUsedAtOnce() throws Exception {
        String before = Files.readString(file);
        List<Point> moved = List.of(new Point(0.05, 0.41), new Point(0.3, 0.4), new Point(0.3, 0.7), new Point(0.06, 0.72),
                new Point(0.04, 0.6));
        Pavilion fresh = editor.replacePolygons("ptr-001", Map.of("c1", moved));

        assertThat(fresh.container("c1").orElseThrow().polygon()).isEqualTo(moved);
        assertThat(pavilions.find("ptr-001").orElseThrow().container("c1").orElseThrow().polygon()).isEqualTo(moved);
        assertThat(published).containsExactly(new PavilionChanged(fresh));
        String after = Files.readString(file);
        assertThat(after).contains("camera:   # the pavilion's only camera", "# Demo pavilion written by",
                "      - [0.05, 0.41]\n      - [0.3, 0.4]\n      - [0.3, 0.7]\n      - [0.06, 0.72]\n      - [0.04, 0.6]\n    thresholds:");
        // every line but c1's polygon is as it was
        List<String> removed = new ArrayList<>(before.lines().toList());
        removed.removeAll(after.lines().toList());
        assertThat(removed).containsExactly("      - [0.044, 0.403]", "      - [0.287, 0.401]", "      - [0.288, 0.723]",
                "      - [0.045, 0.716]");
        assertThat(Files.list(folder)).containsExactly(file);
    }

    @Test
    void flowStylePolygonStaysOnOneLine() throws Exception {
        Files.writeString(file, Files.readString(file).replaceFirst(
                "polygon:\n      - \\[0.271, 0.401]\n      - \\[0.489, 0.400]\n      - \\[0.489, 0.725]\n      - \\[0.272, 0.723]",
                "polygon: [[0.271, 0.401], [0.489, 0.400], [0.489, 0.725], [0.272, 0.723]]  # c2"));
        pavilions.reload();
        editor.replacePolygons("ptr-001", Map.of("c2", List.of(new Point(0.27, 0.4), new Point(0.49, 0.4),
                new Point(0.49, 0.73), new Point(0.27, 0.73))));
        assertThat(Files.readString(file)).contains("polygon: [[0.27, 0.4], [0.49, 0.4], [0.49, 0.73], [0.27, 0.73]]  # c2");
    }

    @Test
    void badPolygonIsRefusedNamingFileLineFieldAndTheFileStaysByteForByte() throws Exception {
        byte[] before = Files.readAllBytes(file);
        // corners in the wrong order: the outline crosses itself
        List<Point> crossing = List.of(new Point(0.1, 0.4), new Point(0.3, 0.7), new Point(0.3, 0.4), new Point(0.1, 0.7));
        assertThatThrownBy(() -> editor.replacePolygons("ptr-001", Map.of("c2", crossing)))
                .isInstanceOfSatisfying(PavilionEditor.Refused.class, e -> {
                    ConfigProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(file.toString());
                    assertThat(p.field()).startsWith("containers[1].polygon[");
                    assertThat(p.line()).isBetween(27, 31);
                    assertThat(p.message()).contains("crosses itself");
                });
        List<Point> outside = List.of(new Point(0.1, 0.4), new Point(1.4, 0.4), new Point(0.3, 0.7), new Point(0.1, 0.7));
        assertThatThrownBy(() -> editor.replacePolygons("ptr-001", Map.of("c1", outside)))
                .isInstanceOfSatisfying(PavilionEditor.Refused.class, e -> assertThat(e.problems().get(0).toString())
                        .contains("containers[0].polygon[1]", "x must be within 0..1"));
        assertThatThrownBy(() -> editor.replacePolygons("ptr-001", Map.of("c9", outside)))
                .isInstanceOf(PavilionEditor.Refused.class).hasMessageContaining("c9");
        assertThatThrownBy(() -> editor.replacePolygons("ptr-001", Map.of("c1", outside.subList(0, 3))))
                .isInstanceOf(PavilionEditor.Refused.class).hasMessageContaining("expected 4..12 points");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.list(folder)).as("no temporary file left").containsExactly(file);
        assertThat(published).isEmpty();
        assertThat(pavilions.find("ptr-001")).isPresent();
    }
}
