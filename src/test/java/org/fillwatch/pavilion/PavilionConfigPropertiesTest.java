package org.fillwatch.pavilion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Generated broken pavilion files: wrong types and out-of-range values at every key, broken
 * polygons, duplicate container ids, YAML-breaking characters and plain garbage. The loader never
 * throws; a broken file is refused with problems naming its file, the line of the offending key
 * (> 0) and the field path; the valid file beside it still loads.
 */
class PavilionConfigPropertiesTest {

    private static final String GOOD = PavilionConfigLoaderTest.GOOD;
    /** The good file as another pavilion, so that it does not clash with the good one beside it. */
    private static final String[] LINES = GOOD.replace("id: ptr-001", "id: ptr-002").split("\n");

    private Path dir;

    @BeforeProperty
    void folder() throws IOException {
        dir = Files.createTempDirectory("pavilion-properties");
    }

    @AfterProperty
    void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    enum Kind { TEXT, NUMBER, POINT }

    /** A key of the good file: its 1-based line, the field path the loader must name, what it holds. */
    record Slot(int line, String field, Kind kind) {
    }

    record Mutation(Slot slot, String value) {
    }

    @Property(tries = 400)
    void aWrongValueAtAnyKeyIsNamedByFileLineAndField(@ForAll("wrongValues") Mutation m) {
        String[] lines = LINES.clone();
        String line = lines[m.slot().line() - 1];
        int cut = m.slot().kind() == Kind.POINT ? line.indexOf("- ") + 2 : line.indexOf(':') + 2;
        lines[m.slot().line() - 1] = line.substring(0, cut) + m.value();
        PavilionConfigLoader.Loaded loaded = loadBesideGood(String.join("\n", lines) + "\n");

        List<ConfigProblem> problems = problemsOfBadFile(loaded);
        Statistics.collect(m.slot().kind());
        assertThat(problems).as("refused: %s = %s", m.slot().field(), m.value()).isNotEmpty();
        assertThat(problems).as("a problem names line %d and field %s", m.slot().line(), m.slot().field())
                .anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(m.slot().line());
                    assertThat(p.field()).isEqualTo(m.slot().field());
                });
    }

    @Property(tries = 300)
    void outOfRangePointsAndDuplicateIdsInGeneratedPavilionsAreNamed(
            @ForAll("rectangles") List<double[]> boxes, @ForAll("defect") int defect, @ForAll("outside") double outside) {
        int container = Math.abs(defect) % boxes.size();
        int point = Math.abs(defect / 7) % 4;
        boolean duplicate = defect < 0 && container > 0;
        StringBuilder yaml = new StringBuilder("id: gen-1\nname: gen\naddress: a\ndistrict: d\n"
                + "location: {latitude: 54.8, longitude: 69.1}\ncarrier: carrier-a\ncamera:\n  url: clips/x.avi\n"
                + "  interval: 5s\ncontainers:\n");
        int expectedLine = 0;
        String expectedField = null;
        int line = 11;
        for (int i = 0; i < boxes.size(); i++) {
            double[] b = boxes.get(i);
            if (duplicate && i == container) {
                expectedLine = line;
                expectedField = "containers[" + i + "].id";
            }
            yaml.append("  - id: ").append(duplicate && i == container ? "k0" : "k" + i).append('\n');
            yaml.append("    type: bin\n    polygon:\n");
            line += 3;
            double[][] corners = {{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}};
            for (int j = 0; j < 4; j++) {
                double x = corners[j][0];
                if (!duplicate && i == container && j == point) {
                    x = outside;
                    expectedLine = line;
                    expectedField = "containers[" + i + "].polygon[" + j + "]";
                }
                yaml.append("      - [").append(x).append(", ").append(corners[j][1]).append("]\n");
                line++;
            }
        }
        if (expectedField == null) { // defect < 0 on the first container: no defect, the file must load
            assertThat(problemsOfBadFile(loadBesideGood(yaml.toString()))).isEmpty();
            return;
        }
        Statistics.collect(duplicate ? "duplicate id" : "point outside");
        List<ConfigProblem> problems = problemsOfBadFile(loadBesideGood(yaml.toString()));
        int wantLine = expectedLine;
        String wantField = expectedField;
        assertThat(problems).as(yaml.toString()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(wantLine);
            assertThat(p.field()).isEqualTo(wantField);
        });
    }

    @Property(tries = 400)
    void yamlBreakingCharactersNeverCrashAndAlwaysGiveALine(@ForAll("insertions") String junk, @ForAll("positions") int at) {
        String text = GOOD.replace("id: ptr-001", "id: ptr-002");
        int pos = Math.abs(at) % (text.length() + 1);
        String broken = text.substring(0, pos) + junk + text.substring(pos);
        PavilionConfigLoader.Loaded loaded = loadBesideGood(broken);
        int lineCount = broken.split("\n", -1).length;
        for (ConfigProblem p : problemsOfBadFile(loaded)) {
            assertThat(p.line()).as(p.toString()).isBetween(1, lineCount);
            assertThat(p.field()).as(p.toString()).isNotNull();
            assertThat(p.message()).as(p.toString()).isNotBlank();
        }
        Statistics.collect(problemsOfBadFile(loaded).isEmpty() ? "still valid" : "refused");
    }

    @Property(tries = 200)
    void garbageFilesNeverCrash(@ForAll("garbage") String text) {
        PavilionConfigLoader.Loaded loaded = loadBesideGood(text);
        List<ConfigProblem> problems = problemsOfBadFile(loaded);
        assertThat(problems).as("garbage is refused").isNotEmpty();
        for (ConfigProblem p : problems) {
            assertThat(p.line()).as(p.toString()).isPositive();
            assertThat(p.field()).isNotNull();
        }
    }

    /** Writes the good file and the one under test, loads the folder, checks the good one loaded. */
    private PavilionConfigLoader.Loaded loadBesideGood(String text) {
        try {
            Files.writeString(dir.resolve("good.yaml"), GOOD);
            Files.createDirectories(dir.resolve("sub"));
            // bytes, not writeString: generated text may hold lone surrogates, written as '?'
            Files.write(dir.resolve("sub/bad.yaml"), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(dir);
        assertThat(loaded.pavilions()).extracting(Pavilion::id).contains("ptr-001");
        return loaded;
    }

    private List<ConfigProblem> problemsOfBadFile(PavilionConfigLoader.Loaded loaded) {
        String bad = dir.resolve("sub/bad.yaml").toString();
        List<ConfigProblem> out = new ArrayList<>();
        for (ConfigProblem p : loaded.problems()) {
            assertThat(p.file()).as("only the bad file has problems: " + p).isEqualTo(bad);
            out.add(p);
        }
        return out;
    }

    @Provide
    Arbitrary<Mutation> wrongValues() {
        List<Slot> slots = List.of(
                new Slot(1, "id", Kind.TEXT), new Slot(2, "name", Kind.TEXT), new Slot(3, "address", Kind.TEXT),
                new Slot(4, "district", Kind.TEXT), new Slot(6, "location.latitude", Kind.NUMBER),
                new Slot(7, "location.longitude", Kind.NUMBER), new Slot(8, "carrier", Kind.TEXT),
                new Slot(10, "camera.url", Kind.TEXT), new Slot(11, "camera.interval", Kind.TEXT),
                new Slot(13, "containers[0].id", Kind.TEXT), new Slot(14, "containers[0].type", Kind.TEXT),
                new Slot(16, "containers[0].polygon[0]", Kind.POINT), new Slot(17, "containers[0].polygon[1]", Kind.POINT),
                new Slot(20, "containers[1].id", Kind.TEXT), new Slot(21, "containers[1].type", Kind.TEXT),
                new Slot(25, "containers[1].polygon[2]", Kind.POINT), new Slot(26, "containers[1].polygon[3]", Kind.POINT),
                new Slot(28, "containers[1].thresholds.full", Kind.NUMBER),
                new Slot(29, "containers[1].thresholds.emptied", Kind.NUMBER),
                new Slot(30, "containers[1].thresholds.consecutive", Kind.NUMBER));
        return Arbitraries.of(slots).flatMap(slot -> wrongFor(slot.kind()).map(v -> new Mutation(slot, v)));
    }

    private static Arbitrary<String> wrongFor(Kind kind) {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> list = word.list().ofMaxSize(3).map(l -> "[" + String.join(", ", l) + "]");
        Arbitrary<String> map = word.map(w -> "{" + w + ": 1}");
        return switch (kind) {
            case TEXT -> Arbitraries.oneOf(list, map);
            case NUMBER -> Arbitraries.oneOf(list, map, word.map(w -> "x" + w),
                    Arbitraries.doubles().between(1000, 1e12).map(d -> Double.toString(d)),
                    Arbitraries.doubles().between(-1e12, -1000).map(d -> Double.toString(d)));
            case POINT -> Arbitraries.oneOf(map, word.map(w -> "x" + w),
                    Arbitraries.doubles().between(1.001, 1e6).ofScale(3).map(d -> "[" + d + ", 0.5]"),
                    Arbitraries.doubles().between(-1e6, -0.001).ofScale(3).map(d -> "[0.5, " + d + "]"),
                    Arbitraries.doubles().between(0, 1).list().ofMinSize(0).ofMaxSize(5).filter(l -> l.size() != 2)
                            .map(l -> l.toString()),
                    word.map(w -> "[" + w + ", 0.5]"));
        };
    }

    @Provide
    Arbitrary<List<double[]>> rectangles() {
        Arbitrary<double[]> box = Combinators.combine(
                Arbitraries.doubles().between(0, 0.45).ofScale(3), Arbitraries.doubles().between(0, 0.45).ofScale(3),
                Arbitraries.doubles().between(0.05, 0.5).ofScale(3), Arbitraries.doubles().between(0.05, 0.5).ofScale(3))
                .as((x, y, w, h) -> new double[] {x, y, x + w, y + h});
        return box.list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> defect() {
        return Arbitraries.integers().between(-1000, 1000);
    }

    @Provide
    Arbitrary<Double> outside() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(1.0001, 50).ofScale(4),
                Arbitraries.doubles().between(-50, -0.0001).ofScale(4));
    }

    @Provide
    Arbitrary<String> insertions() {
        return Arbitraries.strings().withChars(":[]{}-#&*!|>'\"%@`\t\n ,?\\").ofMinLength(1).ofMaxLength(6);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 2000);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
                Arbitraries.strings().withChars(":[]{}-#&*!|>'\"%@`\t\n ,?\\abc0123").ofMinLength(1).ofMaxLength(300),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(40).map(w -> w + ":\n  - " + w));
    }
}
