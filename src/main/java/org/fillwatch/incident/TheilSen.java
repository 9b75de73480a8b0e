package org.fillwatch.incident;

import java.util.Arrays;

/**
 * Theil-Sen line fit: the slope is the median of the slopes between all pairs of points, the
 * intercept the median of the residual offsets. Up to about 29 % of the points can be outliers
 * (a bag in front of the camera, a misread frame) without moving the line much, unlike least squares.
 */
final class TheilSen {

    /** slope in y per x unit; intercept at x = 0. */
    record Line(double slope, double intercept) {
        double at(double x) {
            return intercept + slope * x;
        }
    }

    private TheilSen() {
    }

    /** Needs at least two points with different x. */
    static Line fit(double[] x, double[] y) {
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("Theil-Sen needs two points at different x");
        }
        double slope = median(Arrays.copyOf(slopes, k));
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = y[i] - slope * x[i];
        }
        return new Line(slope, median(offsets));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
