package org.fillwatch.pavilion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping seen through the schema: typed getters that record a {@link ConfigProblem}
 * (file, 1-based line, dotted path) instead of throwing, so one pass reports every problem of a file.
 */
final class YamlFields {

    private final ProblemSink sink;
    private final Node node;
    private final String path;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private YamlFields(ProblemSink sink, Node node, String path) {
        this.sink = sink;
        this.node = node;
        this.path = path;
    }

    /** Reads {@code node} as a mapping with only the {@code allowed} keys; null (and a problem) if it is not one. */
    static YamlFields of(ProblemSink sink, Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            sink.add(node, path, "expected a mapping (key: value lines), got " + describe(node));
            return null;
        }
        YamlFields fields = new YamlFields(sink, node, path);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(keyNode);
            String keyPath = child(path, key);
            if (!allowed.contains(key)) {
                sink.add(keyNode, keyPath, "unknown key (allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            } else if (fields.values.containsKey(key)) {
                sink.add(keyNode, keyPath, "duplicate key, first given at line " + ProblemSink.line(fields.values.get(key)));
            } else {
                fields.values.put(key, tuple.getValueNode());
            }
        }
        return fields;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path(String key) {
        return child(path, key);
    }

    Node node() {
        return node;
    }

    /** The value node of {@code key}, or null when absent (or YAML null); reports it when required. */
    Node get(String key, boolean required) {
        Node value = values.get(key);
        if (value == null || isNull(value)) {
            if (required) {
                sink.add(value != null ? value : node, path(key), "required field is missing");
            }
            return null;
        }
        return value;
    }

    String text(String key, boolean required) {
        Node value = get(key, required);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ScalarNode scalar)) {
            sink.add(value, path(key), "expected a text value, got " + describe(value));
            return null;
        }
        if (scalar.getValue().isBlank()) {
            sink.add(value, path(key), "must not be empty");
            return null;
        }
        return scalar.getValue().strip();
    }

    Double number(String key, boolean required, double min, double max) {
        Node value = get(key, required);
        return value == null ? null : number(sink, value, path(key), min, max);
    }

    Integer integer(String key, int min, int max) {
        Node value = get(key, false);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ScalarNode scalar) || !Tag.INT.equals(scalar.getTag())) {
            sink.add(value, path(key), "expected a whole number, got " + describe(value));
            return null;
        }
        try {
            int parsed = Integer.parseInt(scalar.getValue().replace("_", ""));
            if (parsed < min || parsed > max) {
                sink.add(value, path(key), "must be within " + min + ".." + max + ", got " + parsed);
                return null;
            }
            return parsed;
        } catch (NumberFormatException e) {
            sink.add(value, path(key), "expected a whole number, got " + scalar.getValue());
            return null;
        }
    }

    /** The items of a sequence field, or null (and a problem) when it is missing or not a sequence. */
    List<Node> sequence(String key, boolean required) {
        Node value = get(key, required);
        return value == null ? null : sequence(sink, value, path(key));
    }

    static List<Node> sequence(ProblemSink sink, Node value, String path) {
        if (!(value instanceof SequenceNode sequence)) {
            sink.add(value, path, "expected a list, got " + describe(value));
            return null;
        }
        return sequence.getValue();
    }

    static Double number(ProblemSink sink, Node value, String path, double min, double max) {
        return number(sink, value, path, "", min, max);
    }

    /** A number within min..max; {@code name} prefixes the message (e.g. "x ") for list items. */
    static Double number(ProblemSink sink, Node value, String path, String name, double min, double max) {
        if (!(value instanceof ScalarNode scalar)
                || !(Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
            sink.add(value, path, name + "expected a number, got " + describe(value));
            return null;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            sink.add(value, path, name + "expected a number, got " + scalar.getValue());
            return null;
        }
        if (!(parsed >= min && parsed <= max)) {
            sink.add(value, path, name + "must be within " + format(min) + ".." + format(max) + ", got " + scalar.getValue());
            return null;
        }
        return parsed;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode scalar) {
            String kind = Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()) ? "number"
                    : Tag.BOOL.equals(scalar.getTag()) ? "boolean" : "text";
            return kind + " '" + scalar.getValue() + "'";
        }
        return "an alias";
    }
}
