package org.fillwatch.pavilion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad file names its file, line and field, and never stops the good file beside it. */
public class PavilionConfigLoaderTest {

    /** Line numbers in the tests below refer to this text. */
    public static final String GOOD = """
            id: ptr-001
            name: "Pavilion, Kazybek Bi St. 12"
            address: "Kazybek Bi St. 12, Petropavlovsk"
            district: Centre
            location:
              latitude: 54.8728
              longitude: 69.1430
            carrier: carrier-a
            camera:
              url: clips/ptr-001.avi
              interval: 5s
            containers:
              - id: c1
                type: "0.75 m3 open metal container"
                polygon:
                  - [0.10, 0.40]
                  - [0.30, 0.40]
                  - [0.30, 0.80]
                  - [0.10, 0.80]
              - id: c2
                type: "1.1 m3 euro container"
                polygon:
                  - [0.40, 0.40]
                  - [0.60, 0.40]
                  - [0.60, 0.80]
                  - [0.40, 0.80]
                thresholds:
                  full: 90
                  emptied: 20
                  consecutive: 2
            """;

    @TempDir
    Path dir;

    @Test
    void goodFileLoadsWithDefaultsAndResolvedPaths() throws IOException {
        write("a/good.yaml", GOOD);
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(dir);

        assertThat(loaded.problems()).isEmpty();
        Pavilion p = loaded.pavilions().get(0);
        assertThat(p.id()).isEqualTo("ptr-001");
        assertThat(p.name()).isEqualTo("Pavilion, Kazybek Bi St. 12");
        assertThat(p.latitude()).isEqualTo(54.8728);
        assertThat(p.longitude()).isEqualTo(69.1430);
        assertThat(p.carrierId()).isEqualTo("carrier-a");
        assertThat(p.camera().url()).isEqualTo(dir.resolve("a/clips/ptr-001.avi").toAbsolutePath().toString());
        assertThat(p.camera().mode()).isEqualTo(SamplingMode.CONTINUOUS);
        assertThat(p.camera().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.camera().format()).isNull();
        assertThat(p.containers()).hasSize(2);
        assertThat(p.containers().get(0).thresholds()).isEqualTo(Thresholds.DEFAULT);
        assertThat(p.containers().get(1).thresholds()).isEqualTo(new Thresholds(90, 20, 2));
        assertThat(p.containers().get(1).polygon().get(2)).isEqualTo(new ContainerSpec.Point(0.60, 0.80));
        assertThat(p.source()).isEqualTo(dir.resolve("a/good.yaml").toString());
    }

    @Test
    void networkDefaults() throws IOException {
        write("http.yml", GOOD.replace("url: clips/ptr-001.avi", "url: http://user:pw@127.0.0.1:8080/video")
                .replace("interval: 5s", "interval: 500ms"));
        write("snap.yaml", bad("url: clips/ptr-001.avi", "url: http://127.0.0.1/snap.jpg\n  mode: snapshot"));
        write("rtsp.yaml", GOOD.replace("id: ptr-001", "id: ptr-003").replace("url: clips/ptr-001.avi", "url: rtsp://127.0.0.1/cam")
                .replace("interval: 5s", "interval: 120"));
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(dir);

        assertThat(loaded.problems()).isEmpty();
        CameraSpec http = loaded.pavilions().get(0).camera();
        assertThat(http).isEqualTo(new CameraSpec("http://user:pw@127.0.0.1:8080/video", SamplingMode.BURST, Duration.ofMillis(500), "mpjpeg"));
        assertThat(http.toString()).doesNotContain("pw");
        assertThat(loaded.pavilions().get(1).camera()).isEqualTo(new CameraSpec("http://127.0.0.1/snap.jpg", SamplingMode.SNAPSHOT, Duration.ofSeconds(5), null));
        assertThat(loaded.pavilions().get(2).camera()).isEqualTo(new CameraSpec("rtsp://127.0.0.1/cam", SamplingMode.BURST, Duration.ofSeconds(120), null));
    }

    @Test
    void missingField() throws IOException {
        assertOnlyProblem(bad("district: Centre\n", ""), 1, "district", "required field is missing");
    }

    @Test
    void missingContainerField() throws IOException {
        assertOnlyProblem(bad("    type: \"1.1 m3 euro container\"\n", ""), 20, "containers[1].type", "required field is missing");
    }

    @Test
    void pointOutsideTheImage() throws IOException {
        assertOnlyProblem(bad("- [0.60, 0.80]", "- [1.4, 0.80]"), 25, "containers[1].polygon[2]", "x must be within 0..1, got 1.4");
    }

    @Test
    void tooFewPoints() throws IOException {
        assertOnlyProblem(bad("      - [0.10, 0.80]\n", ""), 16, "containers[0].polygon", "expected 4..12 points, got 3");
    }

    @Test
    void pointThatIsNotAPair() throws IOException {
        assertOnlyProblem(bad("- [0.30, 0.40]", "- [0.30, 0.40, 0.5]"), 17, "containers[0].polygon[1]", "expected a point [x, y], got 3 numbers");
    }

    @Test
    void selfIntersectingPolygon() throws IOException {
        String bowTie = bad("- [0.30, 0.40]\n      - [0.30, 0.80]", "- [0.30, 0.80]\n      - [0.30, 0.40]");
        assertOnlyProblem(bowTie, 16, "containers[0].polygon[0]", "the outline crosses itself");
    }

    @Test
    void siteModelIsResolvedAgainstTheFilesFolder() throws IOException {
        write("a/site.yaml", GOOD.replace("carrier: carrier-a\n", "carrier: carrier-a\nmodel: ../models/ptr-001\n"));
        write("b/plain.yaml", GOOD.replace("id: ptr-001", "id: ptr-002"));
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(dir);
        assertThat(loaded.problems()).isEmpty();
        Pavilion site = loaded.pavilions().stream().filter(p -> p.id().equals("ptr-001")).findFirst().orElseThrow();
        Pavilion plain = loaded.pavilions().stream().filter(p -> p.id().equals("ptr-002")).findFirst().orElseThrow();
        assertThat(site.model()).isEqualTo(dir.resolve("models/ptr-001").toAbsolutePath().normalize());
        assertThat(plain.model()).isNull();
    }

    @Test
    void emptySiteModelNamesLineAndField() throws IOException {
        assertOnlyProblem(bad("carrier: carrier-a\n", "carrier: carrier-a\nmodel: \"\"\n"), 9, "model", "must not be empty");
    }

    @Test
    void unknownKey() throws IOException {
        assertOnlyProblem(bad("    type: \"0.75 m3 open metal container\"\n",
                "    type: \"0.75 m3 open metal container\"\n    colour: green\n"), 15, "containers[0].colour", "unknown key");
    }

    @Test
    void brokenYaml() throws IOException {
        assertOnlyProblem(bad("name: \"Pavilion, Kazybek Bi St. 12\"", "name: Pavilion: Kazybek"), 2, "", "broken YAML");
    }

    @Test
    void brokenYamlUnclosedList() throws IOException {
        assertOnlyProblem(bad("- [0.60, 0.40]", "- [0.60, 0.40"), 25, "", "broken YAML");
    }

    @Test
    void wrongTypeNumber() throws IOException {
        assertOnlyProblem(bad("latitude: 54.8728", "latitude: north"), 6, "location.latitude", "expected a number, got text 'north'");
    }

    @Test
    void wrongTypeList() throws IOException {
        String text = bad("", "").substring(0, bad("", "").indexOf("containers:")) + "containers: many\n";
        assertOnlyProblem(text, 12, "containers", "expected a list, got text 'many'");
    }

    @Test
    void wrongTypeWholeNumber() throws IOException {
        assertOnlyProblem(bad("consecutive: 2", "consecutive: 2.5"), 30, "containers[1].thresholds.consecutive", "expected a whole number");
    }

    @Test
    void latitudeOutOfRange() throws IOException {
        assertOnlyProblem(bad("latitude: 54.8728", "latitude: 95"), 6, "location.latitude", "must be within -90..90, got 95");
    }

    @Test
    void badInterval() throws IOException {
        assertOnlyProblem(bad("interval: 5s", "interval: 5 fortnights"), 11, "camera.interval", "expected a duration like 500ms");
    }

    @Test
    void intervalTooShort() throws IOException {
        assertOnlyProblem(bad("interval: 5s", "interval: 10ms"), 11, "camera.interval", "must be within 100ms..24h");
    }

    @Test
    void snapshotNeedsHttp() throws IOException {
        assertOnlyProblem(bad("interval: 5s", "interval: 5s\n  mode: snapshot"), 12, "camera.mode", "snapshot needs an http(s):// URL");
    }

    @Test
    void badPavilionId() throws IOException {
        assertOnlyProblem(GOOD.replace("id: ptr-001", "id: Ptr 2"), 1, "id", "must match [a-z0-9_-]+");
    }

    @Test
    void duplicateContainerId() throws IOException {
        assertOnlyProblem(bad("- id: c2", "- id: c1"), 20, "containers[1].id", "duplicate container id 'c1', first used at line 13");
    }

    @Test
    void duplicateKey() throws IOException {
        assertOnlyProblem(bad("district: Centre", "district: Centre\ndistrict: North"), 5, "district", "duplicate key, first given at line 4");
    }

    @Test
    void characterYamlForbidsNamesItsLine() throws IOException {
        assertOnlyProblem(bad("district: Centre", "district: Cen\u0007tre"), 4, "", "broken YAML: character U+0007 is not allowed");
    }

    @Test
    void emptyFile() throws IOException {
        assertOnlyProblem("", 1, "", "file is empty");
    }

    @Test
    void duplicatePavilionIdDisablesBothAndNamesBoth() throws IOException {
        write("good.yaml", GOOD);
        write("x/first.yaml", bad("", ""));
        write("x/second.yaml", "# same id again\n" + bad("", ""));
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(dir);

        assertThat(loaded.pavilions()).extracting(Pavilion::id).containsExactly("ptr-001");
        String first = dir.resolve("x/first.yaml").toString();
        String second = dir.resolve("x/second.yaml").toString();
        assertThat(loaded.problems()).containsExactly(
                new ConfigProblem(first, 1, "id", "duplicate pavilion id 'ptr-002', also used in " + second
                        + ":2; all files with this id are disabled"),
                new ConfigProblem(second, 2, "id", "duplicate pavilion id 'ptr-002', also used in " + first
                        + ":1; all files with this id are disabled"));
    }

    @Test
    void everyProblemOfAFileIsReported() throws IOException {
        write("good.yaml", GOOD);
        write("bad.yaml", bad("latitude: 54.8728", "latitude: 100").replace("carrier: carrier-a\n", "")
                .replace("- [0.60, 0.80]", "- [0.6, -1]"));
        List<ConfigProblem> problems = PavilionConfigLoader.load(dir).problems();
        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "carrier"),
                org.assertj.core.groups.Tuple.tuple(6, "location.latitude"),
                org.assertj.core.groups.Tuple.tuple(24, "containers[1].polygon[2]"));
        assertThat(problems.get(2).message()).isEqualTo("y must be within 0..1, got -1");
    }

    @Test
    void missingFolderIsAProblemNotACrash() {
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(dir.resolve("nowhere"));
        assertThat(loaded.pavilions()).isEmpty();
        assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("does not exist"));
    }

    @Test
    void credentialsInMessagesAreMasked() throws IOException {
        assertOnlyProblem(bad("url: clips/ptr-001.avi", "url: ftp://cam:s3cret@127.0.0.1/x"), 10, "camera.url", "unsupported scheme 'ftp'");
        assertThat(PavilionConfigLoader.load(dir).problems().toString()).doesNotContain("s3cret");
    }

    /** The good text as pavilion ptr-002 with one replacement. */
    private static String bad(String from, String to) {
        String text = GOOD.replace("id: ptr-001", "id: ptr-002");
        if (!from.isEmpty()) {
            assertThat(text).contains(from);
        }
        return from.isEmpty() ? text : text.replace(from, to);
    }

    private void assertOnlyProblem(String badText, int line, String field, String messageStart) throws IOException {
        write("good.yaml", GOOD);
        write("sub/bad.yaml", badText);
        PavilionConfigLoader.Loaded loaded = PavilionConfigLoader.load(dir);

        assertThat(loaded.pavilions()).extracting(Pavilion::id).containsExactly("ptr-001");
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("sub/bad.yaml").toString());
            assertThat(p.line()).as(p.toString()).isEqualTo(line);
            assertThat(p.field()).as(p.toString()).isEqualTo(field);
            assertThat(p.message()).as(p.toString()).startsWith(messageStart);
        });
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
