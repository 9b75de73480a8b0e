package org.fillwatch.vision.model;

/**
 * The four heads of one crop as probabilities, decoded from the network's 7 logits.
 *
 * @param fill        0..1
 * @param states      probabilities of empty, partial, full, overflowing (sum 1)
 * @param wasteAround 0..1
 * @param present     0..1, probability that a container stands in the crop
 */
public record HeadOutputs(double fill, double[] states, double wasteAround, double present) {

    public static final String[] STATE_NAMES = {"empty", "partial", "full", "overflowing"};

    /** Fill below this is empty, from {@link #FULL_FROM} on full, in between partial. */
    public static final double EMPTY_BELOW = 0.15;
    public static final double FULL_FROM = 0.75;

    /** State class from a fill level, the labelling rule of the training data. */
    public static int stateOf(double fill, boolean overflowing) {
        if (overflowing) {
            return 3;
        }
        return fill < EMPTY_BELOW ? 0 : fill < FULL_FROM ? 1 : 2;
    }

    /** Decodes row {@code row} of a [N, 7] logits array laid out as in {@link FillLevelNetwork}. */
    public static HeadOutputs decode(float[] logits, int row) {
        int base = row * FillLevelNetwork.OUTPUTS;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < FillLevelNetwork.STATES; i++) {
            max = Math.max(max, logits[base + FillLevelNetwork.STATE + i]);
        }
        double[] states = new double[FillLevelNetwork.STATES];
        double sum = 0;
        for (int i = 0; i < states.length; i++) {
            states[i] = Math.exp(logits[base + FillLevelNetwork.STATE + i] - max);
            sum += states[i];
        }
        for (int i = 0; i < states.length; i++) {
            states[i] /= sum;
        }
        return new HeadOutputs(sigmoid(logits[base + FillLevelNetwork.FILL]), states,
                sigmoid(logits[base + FillLevelNetwork.WASTE_AROUND]), sigmoid(logits[base + FillLevelNetwork.PRESENT]));
    }

    /** Index of the most probable state. */
    public int state() {
        int best = 0;
        for (int i = 1; i < states.length; i++) {
            if (states[i] > states[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
