package org.fillwatch.pavilion;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Writes new polygons into a pavilion file's text by replacing only the characters of each
 * {@code polygon:} value (located through SnakeYAML's node marks), so comments, key order and every
 * other value stay as the person who wrote the file left them. Block lists stay block lists.
 */
final class PolygonRewrite {

    private record Edit(int start, int end, String text) {
    }

    private PolygonRewrite() {
    }

    /**
     * @throws PavilionEditor.Refused when the text has no such container or cannot be read as YAML
     */
    static String apply(String file, String text, Map<String, List<Point>> polygons) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (RuntimeException e) {
            throw refused(file, 0, "", "the current file cannot be read as YAML: " + e.getMessage());
        }
        Set<String> missing = new TreeSet<>(polygons.keySet());
        List<Edit> edits = new ArrayList<>();
        SequenceNode containers = root instanceof MappingNode m && value(m, "containers") instanceof SequenceNode s ? s : null;
        if (containers == null) {
            throw refused(file, 0, "containers", "the file has no containers list to edit");
        }
        for (Node item : containers.getValue()) {
            if (item instanceof MappingNode container && value(container, "id") instanceof ScalarNode id
                    && polygons.containsKey(id.getValue()) && value(container, "polygon") instanceof SequenceNode old) {
                missing.remove(id.getValue());
                edits.add(edit(text, old, polygons.get(id.getValue())));
            }
        }
        if (!missing.isEmpty()) {
            throw refused(file, ProblemSink.line(containers), "containers", "no container " + missing
                    + " with a polygon in this file");
        }
        StringBuilder out = new StringBuilder(text);
        edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed())
                .forEach(e -> out.replace(e.start(), e.end(), e.text()));
        return out.toString();
    }

    private static Edit edit(String text, SequenceNode old, List<Point> points) {
        int start = offset(text, old.getStartMark().getIndex());
        int end;
        String replacement;
        if (old.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            end = offset(text, old.getEndMark().getIndex());
            replacement = "[" + String.join(", ", points.stream().map(PolygonRewrite::point).toList()) + "]";
        } else {
            // a block list ends after its last item; what follows it (newline, comments) stays
            Node last = old.getValue().get(old.getValue().size() - 1);
            end = offset(text, last.getEndMark().getIndex());
            String indent = " ".repeat(old.getStartMark().getColumn());
            replacement = String.join("\n" + indent, points.stream().map(p -> "- " + point(p)).toList());
        }
        return new Edit(start, end, replacement);
    }

    /** SnakeYAML counts code points; Java strings count UTF-16 units. */
    private static int offset(String text, int codePoints) {
        return text.offsetByCodePoints(0, codePoints);
    }

    static String point(Point p) {
        return "[" + number(p.x()) + ", " + number(p.y()) + "]";
    }

    /** Four decimals: a tenth of a pixel even on a 4K picture. */
    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static PavilionEditor.Refused refused(String file, int line, String field, String message) {
        return new PavilionEditor.Refused(List.of(new ConfigProblem(file, line, field, message)));
    }
}
