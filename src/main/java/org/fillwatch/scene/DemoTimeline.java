package org.fillwatch.scene;

import java.util.List;

/**
 * How one container of a demo pavilion changes over a clip: fill keyframes (time in seconds, fill
 * 0..1, linear in between, in steps of one bag), and the spans in which it overflows, has waste
 * around it or is absent.
 */
record DemoTimeline(double[][] fillKeys, List<double[]> overflowing, List<double[]> wasteAround,
                    List<double[]> absent) {

    /** One bag's worth of fill: the level rises in steps, as people bring bags. */
    private static final double STEP = 0.025;

    double fill(double t) {
        double value = fillKeys[fillKeys.length - 1][1];
        for (int i = 0; i < fillKeys.length - 1; i++) {
            double[] a = fillKeys[i], b = fillKeys[i + 1];
            if (t < a[0]) {
                value = a[1];
                break;
            }
            if (t < b[0]) {
                value = a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0]);
                break;
            }
        }
        return Math.max(0, Math.min(1, Math.floor(value / STEP + 1e-9) * STEP));
    }

    boolean overflowingAt(double t) {
        return within(overflowing, t);
    }

    boolean wasteAroundAt(double t) {
        return within(wasteAround, t);
    }

    boolean presentAt(double t) {
        return !within(absent, t);
    }

    private static boolean within(List<double[]> spans, double t) {
        for (double[] s : spans) {
            if (t >= s[0] && t < s[1]) {
                return true;
            }
        }
        return false;
    }

    static DemoTimeline filling(double[][] keys) {
        return new DemoTimeline(keys, List.of(), List.of(), List.of());
    }
}
