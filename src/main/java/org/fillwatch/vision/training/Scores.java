package org.fillwatch.vision.training;

import com.google.gson.JsonObject;
import org.fillwatch.vision.model.HeadOutputs;

/** Accumulates how the heads did against the known labels of a set of examples. */
final class Scores {

    private int stateN;
    private int stateRight;
    private int fillN;
    private double fillAbsError;
    private int wasteN;
    private int wasteRight;
    private int presentN;
    private int presentRight;
    private int fillRuleRight;
    private int verdictRight;
    private final int[][] stateConfusion = new int[4][4];

    void add(Sample sample, HeadOutputs out) {
        float[] t = sample.targets();
        if (sample.known(Sample.STATE)) {
            stateN++;
            int truth = (int) t[Sample.STATE];
            stateConfusion[truth][out.state()]++;
            stateRight += out.state() == truth ? 1 : 0;
            // the state the fill head alone would give, to see which head should decide the state
            fillRuleRight += HeadOutputs.stateOf(out.fill(), out.state() == 3) == truth ? 1 : 0;
        }
        if (sample.known(Sample.FILL)) {
            fillN++;
            fillAbsError += Math.abs(out.fill() - t[Sample.FILL]);
        }
        if (sample.known(Sample.WASTE)) {
            wasteN++;
            wasteRight += (out.wasteAround() >= 0.5) == (t[Sample.WASTE] > 0.5) ? 1 : 0;
            verdictRight += verdict(out) == (int) t[Sample.WASTE] ? 1 : 0;
        }
        if (sample.known(Sample.PRESENT)) {
            presentN++;
            presentRight += (out.present() >= 0.5) == (t[Sample.PRESENT] > 0.5) ? 1 : 0;
        }
    }

    /**
     * The clean/dirty verdict under {@code evaluate}'s rules at the service's default
     * min-confidence 0.5: 1 dirty (overflowing or waste around), 0 clean, -1 when the reading would
     * be ABSENT or UNKNOWN (always wrong).
     */
    private static int verdict(HeadOutputs out) {
        if (out.state() == 3 || out.wasteAround() >= 0.5) {
            return 1;
        }
        return out.present() < 0.5 || out.states()[out.state()] < 0.5 ? -1 : 0;
    }

    /** Clean/dirty accuracy under {@code evaluate}'s rules (see {@link #verdict}). */
    double verdictAccuracy() {
        return ratio(verdictRight, wasteN);
    }

    double fillRuleStateAccuracy() {
        return ratio(fillRuleRight, stateN);
    }

    double wasteAccuracy() {
        return ratio(wasteRight, wasteN);
    }

    double stateAccuracy() {
        return ratio(stateRight, stateN);
    }

    /** Mean absolute fill error in percentage points. */
    double fillMaePoints() {
        return fillN == 0 ? Double.NaN : 100 * fillAbsError / fillN;
    }

    double presentAccuracy() {
        return ratio(presentRight, presentN);
    }

    int wasteCount() {
        return wasteN;
    }

    int stateCount() {
        return stateN;
    }

    private static double ratio(int right, int n) {
        return n == 0 ? Double.NaN : (double) right / n;
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        if (stateN > 0) {
            s.append(String.format("state acc %.3f (n=%d; from the fill head %.3f), fill MAE %.1f pp, ", stateAccuracy(),
                    stateN, fillRuleStateAccuracy(), fillMaePoints()));
        }
        if (wasteN > 0) {
            s.append(String.format("waste-around acc %.3f (n=%d; clean/dirty by evaluate's rules %.3f)", wasteAccuracy(),
                    wasteN, verdictAccuracy()));
        }
        if (presentN > 0) {
            s.append(String.format(", present acc %.3f (n=%d)", presentAccuracy(), presentN));
        }
        return s.toString();
    }

    /** Rows: true state, columns: predicted state (empty, partial, full, overflowing). */
    String confusion() {
        StringBuilder s = new StringBuilder("| true \\ predicted | empty | partial | full | overflowing |\n|---|---|---|---|---|\n");
        for (int i = 0; i < 4; i++) {
            s.append("| ").append(HeadOutputs.STATE_NAMES[i]);
            for (int j = 0; j < 4; j++) {
                s.append(" | ").append(stateConfusion[i][j]);
            }
            s.append(" |\n");
        }
        return s.toString();
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        if (stateN > 0) {
            json.addProperty("examplesWithState", stateN);
            json.addProperty("stateAccuracy", round(stateAccuracy()));
            json.addProperty("fillMaePercentagePoints", round(fillMaePoints()));
        }
        if (wasteN > 0) {
            json.addProperty("examplesWithWasteAround", wasteN);
            json.addProperty("wasteAroundAccuracy", round(wasteAccuracy()));
            json.addProperty("cleanDirtyAccuracyEvaluateRules", round(verdictAccuracy()));
        }
        if (presentN > 0) {
            json.addProperty("presentAccuracy", round(presentAccuracy()));
        }
        return json;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
