package org.fillwatch.pavilion;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one pavilion file (schema in docs/configuration.md). Uses SnakeYAML's node tree rather than
 * object binding because only nodes carry the line numbers that every error message must name.
 */
final class PavilionFileParser {

    static final Pattern ID = Pattern.compile("[a-z0-9_-]+");
    static final int MAX_CONTAINERS = 12;
    static final int MIN_POINTS = 4;
    static final int MAX_POINTS = 12;

    private static final Set<String> TOP_KEYS =
            Set.of("id", "name", "address", "district", "location", "carrier", "camera", "containers", "model");
    private static final Set<String> LOCATION_KEYS = Set.of("latitude", "longitude");
    private static final Set<String> CONTAINER_KEYS = Set.of("id", "type", "polygon", "thresholds");
    private static final Set<String> THRESHOLD_KEYS = Set.of("full", "emptied", "consecutive");

    /**
     * The outcome for one file.
     *
     * @param pavilion null when the file has any problem
     * @param id       the pavilion id when one could be read (also for refused files), else null
     * @param idLine   line of the id, for duplicate-id messages
     */
    record Result(String file, Pavilion pavilion, String id, int idLine, List<ConfigProblem> problems) {
    }

    private final Path file;
    private final ProblemSink sink;

    private PavilionFileParser(Path file) {
        this.file = file;
        this.sink = new ProblemSink(file.toString());
    }

    static Result parse(Path file) {
        return new PavilionFileParser(file).parse();
    }

    /** The 1-based line of a code-point index, for the reader's errors that carry no line of their own. */
    private int lineOf(int codePointIndex) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
            return 1 + (int) text.substring(0, end).chars().filter(c -> c == '\n').count();
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    private Result parse() {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            sink.add(mark == null ? 0 : mark.getLine() + 1, "", "broken YAML: " + context + e.getProblem());
            return result(null, null, 0);
        } catch (ReaderException e) {
            sink.add(lineOf(e.getPosition()), "", String.format("broken YAML: character U+%04X is not allowed in YAML",
                    e.getCodePoint()));
            return result(null, null, 0);
        } catch (CharacterCodingException e) {
            sink.add(0, "", "not UTF-8 text");
            return result(null, null, 0);
        } catch (IOException | YAMLException e) {
            sink.add(0, "", "cannot read: " + e.getMessage());
            return result(null, null, 0);
        }
        if (root == null) {
            sink.add(1, "", "file is empty");
            return result(null, null, 0);
        }
        YamlFields top = YamlFields.of(sink, root, "", TOP_KEYS);
        if (top == null) {
            return result(null, null, 0);
        }
        String id = top.text("id", true);
        int idLine = ProblemSink.line(top.get("id", false));
        if (id != null && !ID.matcher(id).matches()) {
            sink.add(top.get("id", false), "id", "must match [a-z0-9_-]+, got '" + id + "'");
        }
        String name = top.text("name", true);
        String address = top.text("address", true);
        String district = top.text("district", true);
        String carrier = top.text("carrier", true);
        if (carrier != null && !ID.matcher(carrier).matches()) {
            sink.add(top.get("carrier", false), "carrier", "must match [a-z0-9_-]+, got '" + carrier + "'");
        }
        double[] location = location(top);
        CameraSpec camera = CameraSection.read(top, sink, file.toAbsolutePath().getParent());
        List<ContainerSpec> containers = containers(top);
        Path model = model(top);
        Pavilion pavilion = sink.isEmpty()
                ? new Pavilion(id, name, address, district, location[0], location[1], carrier, camera, containers,
                        file.toString(), model)
                : null;
        return result(pavilion, id, idLine);
    }

    /**
     * Optional folder of a site model, relative to this file's folder like a clip path. Whether it
     * holds a loadable model is checked by the vision module, which falls back to the default model
     * (logged) so that a bad model file does not stop the site from being watched.
     */
    private Path model(YamlFields top) {
        String text = top.text("model", false);
        if (text == null) {
            return null;
        }
        try {
            return file.toAbsolutePath().getParent().resolve(text).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            sink.add(top.get("model", false), "model", "not a valid folder path: " + e.getMessage());
            return null;
        }
    }

    private Result result(Pavilion pavilion, String id, int idLine) {
        return new Result(file.toString(), pavilion, id, idLine, sink.problems());
    }

    private double[] location(YamlFields top) {
        Node node = top.get("location", true);
        YamlFields location = node == null ? null : YamlFields.of(sink, node, "location", LOCATION_KEYS);
        if (location == null) {
            return new double[] {0, 0};
        }
        Double lat = location.number("latitude", true, -90, 90);
        Double lon = location.number("longitude", true, -180, 180);
        return new double[] {lat == null ? 0 : lat, lon == null ? 0 : lon};
    }

    private List<ContainerSpec> containers(YamlFields top) {
        List<Node> items = top.sequence("containers", true);
        List<ContainerSpec> containers = new ArrayList<>();
        if (items == null) {
            return containers;
        }
        if (items.isEmpty() || items.size() > MAX_CONTAINERS) {
            sink.add(top.get("containers", false), "containers",
                    "expected 1.." + MAX_CONTAINERS + " containers, got " + items.size());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "containers[" + i + "]";
            YamlFields c = YamlFields.of(sink, items.get(i), path, CONTAINER_KEYS);
            if (c == null) {
                continue;
            }
            String id = c.text("id", true);
            if (id != null) {
                Node idNode = c.get("id", false);
                Integer first = seen.putIfAbsent(id, ProblemSink.line(idNode));
                if (first != null) {
                    sink.add(idNode, c.path("id"), "duplicate container id '" + id + "', first used at line " + first);
                } else if (!ID.matcher(id).matches()) {
                    sink.add(idNode, c.path("id"), "must match [a-z0-9_-]+, got '" + id + "'");
                }
            }
            String type = c.text("type", true);
            List<Point> polygon = polygon(c);
            Thresholds thresholds = thresholds(c);
            if (id != null && type != null && polygon != null && thresholds != null) {
                containers.add(new ContainerSpec(id, type, polygon, thresholds));
            }
        }
        return containers;
    }

    private List<Point> polygon(YamlFields container) {
        List<Node> items = container.sequence("polygon", true);
        if (items == null) {
            return null;
        }
        String path = container.path("polygon");
        boolean ok = true;
        if (items.size() < MIN_POINTS || items.size() > MAX_POINTS) {
            sink.add(container.get("polygon", false), path,
                    "expected " + MIN_POINTS + ".." + MAX_POINTS + " points, got " + items.size());
            ok = false;
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String pointPath = path + "[" + i + "]";
            List<Node> xy = YamlFields.sequence(sink, items.get(i), pointPath);
            if (xy == null) {
                ok = false;
                continue;
            }
            if (xy.size() != 2) {
                sink.add(items.get(i), pointPath, "expected a point [x, y], got " + xy.size() + " numbers");
                ok = false;
                continue;
            }
            Double x = YamlFields.number(sink, xy.get(0), pointPath, "x ", 0, 1);
            Double y = YamlFields.number(sink, xy.get(1), pointPath, "y ", 0, 1);
            if (x == null || y == null) {
                ok = false;
                continue;
            }
            points.add(new Point(x, y));
        }
        if (!ok) {
            return null;
        }
        int crossing = Polygons.firstCrossingEdge(points);
        if (crossing >= 0) {
            sink.add(items.get(crossing), path + "[" + crossing + "]",
                    "the outline crosses itself (edge from point " + crossing + " to the next); list the corners in order around the container");
            return null;
        }
        return points;
    }

    private Thresholds thresholds(YamlFields container) {
        Node node = container.get("thresholds", false);
        if (node == null) {
            return Thresholds.DEFAULT;
        }
        YamlFields t = YamlFields.of(sink, node, container.path("thresholds"), THRESHOLD_KEYS);
        if (t == null) {
            return null;
        }
        Double full = t.number("full", false, 0, 100);
        Double emptied = t.number("emptied", false, 0, 100);
        Integer consecutive = t.integer("consecutive", 1, 1000);
        Thresholds d = Thresholds.DEFAULT;
        Thresholds result = new Thresholds(full == null ? d.fullPercent() : full,
                emptied == null ? d.emptiedPercent() : emptied, consecutive == null ? d.consecutive() : consecutive);
        if (result.emptiedPercent() >= result.fullPercent()) {
            sink.add(node, t.path("emptied"), "must be below full (" + result.fullPercent() + "), got " + result.emptiedPercent());
            return null;
        }
        return result;
    }
}
