package org.fillwatch.pavilion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Reads every pavilion file below a folder; a file with any problem is left out, the others load. */
final class PavilionConfigLoader {

    /** The valid pavilions, sorted by id, and the problems of the refused files in file order. */
    record Loaded(List<Pavilion> pavilions, List<ConfigProblem> problems) {
    }

    private PavilionConfigLoader() {
    }

    static Loaded load(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new Loaded(List.of(), List.of(new ConfigProblem(folder.toString(), 0, "",
                    "configuration folder does not exist (property fillwatch.cameras.config-dir)")));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(PavilionConfigLoader::isYaml).sorted().toList();
        } catch (IOException e) {
            return new Loaded(List.of(), List.of(new ConfigProblem(folder.toString(), 0, "", "cannot list: " + e)));
        }
        List<PavilionFileParser.Result> results = files.stream().map(PavilionFileParser::parse).toList();
        return combine(results);
    }

    /**
     * Files that claim the same pavilion id are all refused: guessing which one is meant could send a
     * pavilion's alerts to the wrong carrier. Each problem names the other files.
     */
    static Loaded combine(List<PavilionFileParser.Result> results) {
        Map<String, List<PavilionFileParser.Result>> byId = new LinkedHashMap<>();
        for (PavilionFileParser.Result r : results) {
            if (r.id() != null) {
                byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Pavilion> pavilions = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (PavilionFileParser.Result r : results) {
            problems.addAll(r.problems());
            List<PavilionFileParser.Result> sameId = r.id() == null ? List.of(r) : byId.get(r.id());
            if (sameId.size() > 1) {
                List<String> others = sameId.stream().filter(o -> o != r)
                        .map(o -> o.file() + ":" + o.idLine()).toList();
                problems.add(new ConfigProblem(r.file(), r.idLine(), "id",
                        "duplicate pavilion id '" + r.id() + "', also used in " + String.join(", ", others)
                                + "; all files with this id are disabled"));
            } else if (r.pavilion() != null) {
                pavilions.add(r.pavilion());
            }
        }
        pavilions.sort((a, b) -> a.id().compareTo(b.id()));
        return new Loaded(List.copyOf(pavilions), List.copyOf(problems));
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
