package org.fillwatch.incident;

/**
 * Theil-Sen line fit: the slope is the median of the slopes between pairs of points, the intercept
 * the median of the residual offsets. Up to about 29 % of the points can be outliers (a bag in front
 * of the camera, a misread frame) without moving the line much, unlike least squares.
 *
 * <p>Up to {@link #ALL_PAIRS_UP_TO} points every pair counts (Sen's estimator). A longer window takes
 * Theil's own pairs, each point with the one half the window later: n/2 slopes instead of n²/2, with
 * the same breakdown point, and the pairs left out are the close ones, whose slopes the readings'
 * noise dominates. All 7,140 pairs of a full window (120 readings) made the fit most of the incident
 * rules' time per reading ({@code scripts/bench.sh rules}).
 */
final class TheilSen {

    static final int ALL_PAIRS_UP_TO = 40;

    /** slope in y per x unit; intercept at x = 0. */
    record Line(double slope, double intercept) {
        double at(double x) {
            return intercept + slope * x;
        }
    }

    private TheilSen() {
    }

    /** Needs at least two points with different x; x in order for more than {@link #ALL_PAIRS_UP_TO} points. */
    static Line fit(double[] x, double[] y) {
        int n = x.length;
        double[] slopes;
        int k = 0;
        if (n <= ALL_PAIRS_UP_TO) {
            slopes = new double[n * (n - 1) / 2];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (x[j] != x[i]) {
                        slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                    }
                }
            }
        } else {
            int half = n / 2;
            slopes = new double[n - half];
            for (int i = 0; i + half < n; i++) {
                if (x[i + half] != x[i]) {
                    slopes[k++] = (y[i + half] - y[i]) / (x[i + half] - x[i]);
                }
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("Theil-Sen needs two points at different x");
        }
        double slope = medianInPlace(slopes, k);
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = y[i] - slope * x[i];
        }
        return new Line(slope, medianInPlace(offsets, n));
    }

    static double median(double[] values) {
        return medianInPlace(values.clone(), values.length);
    }

    /** The median of {@code a[0..n)}, which it reorders: selection, not sorting. */
    static double medianInPlace(double[] a, int n) {
        if (n == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        int mid = n / 2;
        double upper = select(a, n, mid);
        if (n % 2 == 1) {
            return upper;
        }
        double lower = a[0]; // after select, a[0..mid) holds the values below a[mid]
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, a[i]);
        }
        return (lower + upper) / 2;
    }

    /** Hoare's selection: puts the k-th smallest of a[0..n) at a[k], smaller ones before it, larger after. */
    private static double select(double[] a, int n, int k) {
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break; // a[j+1..i) all equal the pivot, k among them
            }
        }
        return a[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
