package org.fillwatch.vision.training;

import java.nio.file.Path;
import java.util.Set;

/**
 * The train command's arguments; every problem is an IllegalArgumentException naming the option.
 * {@code --seed} drives the training's own randomness (initial heads, order, augmentation);
 * {@code --data-seed} (default: the seed) the data: the CDCM hold-out split and the synthetic scenes.
 * Several training seeds over one data seed show how much of a recipe's score is the draw, on the
 * same held-out photos. {@code --ema D} (0: off) validates and keeps an exponential moving average of
 * the weights instead of the last ones. {@code --edge-weight K} (0: off) weighs the fill and state losses
 * of crops whose fill lies near a state boundary up to 1 + K times ({@link MaskedLoss}).
 */
record TrainOptions(Path pretrained, Path real, Path out, int synthetic, int syntheticEval, int epochs, long seed,
                    int size, int batch, float learningRate, int frozenBottlenecks, double validationFraction,
                    int realRepeat, Path teacher, double distilWeight, long dataSeed, double ema, double edgeWeight) {

    static final String USAGE = "train --pretrained DIR --real DIR --out DIR [--synthetic N] [--synthetic-eval N]"
            + " [--epochs E] [--seed S] [--data-seed S] [--size 96..160] [--batch B] [--lr LR] [--frozen-blocks K] [--validation F]"
            + " [--real-repeat R] [--teacher MODEL_DIR [--distil-weight W]] [--ema DECAY] [--edge-weight K]";

    private static final Set<String> KNOWN = Set.of("--pretrained", "--real", "--out", "--synthetic", "--synthetic-eval",
            "--epochs", "--seed", "--size", "--batch", "--lr", "--frozen-blocks", "--validation", "--real-repeat",
            "--teacher", "--distil-weight", "--data-seed", "--ema", "--edge-weight");
    private static final Set<String> REQUIRED = Set.of("--pretrained", "--real", "--out");

    static TrainOptions parse(String[] args) {
        CommandArgs a = CommandArgs.parse(args, KNOWN, REQUIRED, USAGE);
        String teacher = a.text("--teacher", null);
        if (teacher == null && a.text("--distil-weight", null) != null) {
            throw new IllegalArgumentException("--distil-weight needs --teacher MODEL_DIR");
        }
        if (teacher != null && a.text("--edge-weight", null) != null) {
            throw new IllegalArgumentException("--edge-weight applies to the labelled loss alone; it does not combine with --teacher");
        }
        long seed = a.integer("--seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return new TrainOptions(Path.of(a.text("--pretrained", null)), Path.of(a.text("--real", null)),
                Path.of(a.text("--out", null)), a.integer("--synthetic", 2400, 0, 1_000_000),
                a.integer("--synthetic-eval", 400, 0, 100_000), a.integer("--epochs", 6, 1, 1000),
                seed, a.integer("--size", 128, 64, 320),
                a.integer("--batch", 16, 1, 512), (float) a.decimal("--lr", 5e-4, 1e-7, 1),
                a.integer("--frozen-blocks", 8, 0, 17), a.decimal("--validation", 0.2, 0.05, 0.5),
                a.integer("--real-repeat", 1, 1, 10), teacher == null ? null : Path.of(teacher),
                a.decimal("--distil-weight", 0.5, 0, 1),
                a.integer("--data-seed", (int) seed, Integer.MIN_VALUE, Integer.MAX_VALUE),
                a.decimal("--ema", 0, 0, 0.99999), a.decimal("--edge-weight", 0, 0, 20));
    }
}
