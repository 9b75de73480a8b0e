package org.fillwatch.vision;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores estimates against class-folder labels with the rules of the {@code evaluate} command:
 * a fill image is right when the state matches, and a {@code full} one also when the model says
 * overflowing (both open the same incident); a {@code dirty} image is detected when the state is
 * overflowing or the waste-around probability is at least 0.5, a {@code clean} one is right when
 * neither; an UNKNOWN state is wrong. A prediction the rules accept is counted on the diagonal of
 * the confusion matrix, so precision, recall and accuracy all follow from the matrix.
 */
final class Evaluation {

    static final double WASTE_THRESHOLD = 0.5;

    private final Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
    private final Set<String> predictedLabels = new LinkedHashSet<>();
    private final List<String> predictionRows = new ArrayList<>();
    private int n;
    private int right;
    private int fillN;
    private double fillAbsError;

    /** The label the model gave, in the vocabulary of the image's class (fill states or clean/dirty). */
    static String predicted(String trueLabel, ContainerEstimate e) {
        if (EvaluationSet.WASTE_CLASSES.contains(trueLabel)) {
            if (e.state() == FillState.OVERFLOWING || e.wasteAround() >= WASTE_THRESHOLD) {
                return "dirty";
            }
            return e.state() == FillState.UNKNOWN || e.state() == FillState.ABSENT ? e.state().name().toLowerCase(Locale.ROOT) : "clean";
        }
        return e.state().name().toLowerCase(Locale.ROOT);
    }

    static boolean accepted(String trueLabel, String predicted) {
        return predicted.equals(trueLabel) || ("full".equals(trueLabel) && "overflowing".equals(predicted));
    }

    void add(EvaluationSet.Item item, ContainerEstimate e) {
        String predicted = predicted(item.label(), e);
        boolean ok = accepted(item.label(), predicted);
        String column = ok ? item.label() : predicted;
        confusion.computeIfAbsent(item.label(), k -> new LinkedHashMap<>()).merge(column, 1, Integer::sum);
        predictedLabels.add(column);
        n++;
        right += ok ? 1 : 0;
        predictionRows.add(String.format(Locale.ROOT, "%s,%s,%s,%b,%s,%.3f,%.1f,%s,%.3f", csvField(item.name()),
                item.label(), predicted, ok, e.state().name().toLowerCase(Locale.ROOT), e.confidence(),
                e.fillPercent(), item.fillPercent() == null ? "" : String.format(Locale.ROOT, "%.1f", item.fillPercent()),
                e.wasteAround()));
        if (item.fillPercent() != null) {
            fillN++;
            fillAbsError += Math.abs(e.fillPercent() - item.fillPercent());
        }
    }

    /**
     * One CSV line per image, in the set's order, with a header: what the model read and whether the
     * rules accept it, so that the misread images can be looked at (evaluate --predictions).
     */
    List<String> predictionsCsv() {
        List<String> lines = new ArrayList<>();
        lines.add("file,label,predicted,correct,state,confidence,fill_pct,true_fill_pct,waste_around");
        lines.addAll(predictionRows);
        return lines;
    }

    /** File names are folder/file of the set; a comma or quote in one would break the columns. */
    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    int n() {
        return n;
    }

    double accuracy() {
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** Mean absolute fill error in percentage points over the images with a known fill; NaN when none. */
    double maePercent() {
        return fillN == 0 ? Double.NaN : fillAbsError / fillN;
    }

    /** True classes in the set, in the fixed class order. */
    List<String> classes() {
        return EvaluationSet.CLASSES.stream().filter(confusion::containsKey).toList();
    }

    /** Columns: the true classes, then any other label the model gave (e.g. unknown). */
    List<String> columns() {
        List<String> columns = new ArrayList<>(classes());
        predictedLabels.stream().filter(l -> !columns.contains(l)).sorted().forEach(columns::add);
        return columns;
    }

    int count(String trueLabel, String column) {
        return confusion.getOrDefault(trueLabel, Map.of()).getOrDefault(column, 0);
    }

    int rowTotal(String label) {
        return confusion.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    double recall(String label) {
        int total = rowTotal(label);
        return total == 0 ? Double.NaN : (double) count(label, label) / total;
    }

    /** NaN when the model never gave this label. */
    double precision(String label) {
        int predictedAs = confusion.values().stream().mapToInt(row -> row.getOrDefault(label, 0)).sum();
        return predictedAs == 0 ? Double.NaN : (double) count(label, label) / predictedAs;
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("n", n);
        json.add("accuracy", number(accuracy()));
        JsonObject perClass = new JsonObject();
        JsonObject matrix = new JsonObject();
        for (String label : classes()) {
            JsonObject c = new JsonObject();
            c.addProperty("n", rowTotal(label));
            c.add("precision", number(precision(label)));
            c.add("recall", number(recall(label)));
            perClass.add(label, c);
            JsonObject row = new JsonObject();
            for (String column : columns()) {
                row.addProperty(column, count(label, column));
            }
            matrix.add(label, row);
        }
        json.add("per_class", perClass);
        json.add("confusion", matrix);
        if (fillN > 0) {
            json.add("mae_pct", number(maePercent()));
        }
        return json;
    }

    String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "n = %d, accuracy = %.3f%n", n, accuracy()));
        if (fillN > 0) {
            s.append(String.format(Locale.ROOT, "fill MAE = %.1f percentage points (n = %d with true fill)%n",
                    maePercent(), fillN));
        }
        s.append(String.format(Locale.ROOT, "%n%-12s %6s %10s %8s%n", "class", "n", "precision", "recall"));
        for (String label : classes()) {
            s.append(String.format(Locale.ROOT, "%-12s %6d %10s %8s%n", label, rowTotal(label),
                    text(precision(label)), text(recall(label))));
        }
        s.append("\nconfusion (rows: true class, columns: prediction; accepted predictions on the diagonal)\n");
        s.append(String.format(Locale.ROOT, "%-12s", ""));
        columns().forEach(c -> s.append(String.format(Locale.ROOT, " %11s", c)));
        s.append('\n');
        for (String label : classes()) {
            s.append(String.format(Locale.ROOT, "%-12s", label));
            columns().forEach(c -> s.append(String.format(Locale.ROOT, " %11d", count(label, c))));
            s.append('\n');
        }
        return s.toString();
    }

    private static String text(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static com.google.gson.JsonElement number(double v) {
        return Double.isNaN(v) ? JsonNull.INSTANCE : new JsonPrimitive(Math.round(v * 10000) / 10000.0);
    }
}
