package org.fillwatch.pavilion;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one file; every message is masked because it may quote a stream URL. */
final class ProblemSink {

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ProblemSink(String file) {
        this.file = file;
    }

    void add(Node node, String field, String message) {
        add(line(node), field, message);
    }

    void add(int line, String field, String message) {
        problems.add(new ConfigProblem(file, line, field, StreamUrls.mask(message)));
    }

    /** SnakeYAML marks are 0-based; people and editors count lines from 1. */
    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    String file() {
        return file;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }
}
