package org.fillwatch.vision.training;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The train command's arguments; every problem is an IllegalArgumentException naming the option. */
record TrainOptions(Path pretrained, Path real, Path out, int synthetic, int syntheticEval, int epochs, long seed,
                    int size, int batch, float learningRate, int frozenBottlenecks, double validationFraction,
                    int realRepeat) {

    static final String USAGE = "train --pretrained DIR --real DIR --out DIR [--synthetic N] [--synthetic-eval N]"
            + " [--epochs E] [--seed S] [--size 96..160] [--batch B] [--lr LR] [--frozen-blocks K] [--validation F]"
            + " [--real-repeat R]";

    private static final Set<String> KNOWN = Set.of("--pretrained", "--real", "--out", "--synthetic", "--synthetic-eval",
            "--epochs", "--seed", "--size", "--batch", "--lr", "--frozen-blocks", "--validation", "--real-repeat");

    static TrainOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!KNOWN.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "\nusage: " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(args[i], args[++i]);
        }
        for (String required : new String[] {"--pretrained", "--real", "--out"}) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required + "\nusage: " + USAGE);
            }
        }
        int size = integer(values, "--size", 128, 64, 320);
        return new TrainOptions(Path.of(values.get("--pretrained")), Path.of(values.get("--real")),
                Path.of(values.get("--out")), integer(values, "--synthetic", 2400, 0, 1_000_000),
                integer(values, "--synthetic-eval", 400, 0, 100_000), integer(values, "--epochs", 6, 1, 1000),
                integer(values, "--seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE), size,
                integer(values, "--batch", 16, 1, 512), (float) decimal(values, "--lr", 5e-4, 1e-7, 1),
                integer(values, "--frozen-blocks", 8, 0, 17), decimal(values, "--validation", 0.2, 0.05, 0.5),
                integer(values, "--real-repeat", 1, 1, 10));
    }

    private static int integer(Map<String, String> values, String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + v);
        }
    }

    private static double decimal(Map<String, String> values, String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + v);
        }
    }
}
