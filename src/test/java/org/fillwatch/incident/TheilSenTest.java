package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TheilSenTest {

    @Test
    void selectionGivesTheSortedMedianForOddEvenAndRepeatedValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 1; n <= 300; n++) {
            // few distinct values in every other array: ties around the middle are the hard case
            boolean ties = n % 2 == 0;
            double[] values = random.doubles(n, -50, 50).map(v -> ties ? Math.rint(v / 20) : v).toArray();
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            double[] before = values.clone();
            assertThat(TheilSen.median(values)).as("n = %d", n).isEqualTo(expected);
            assertThat(values).as("median leaves its argument alone").isEqualTo(before);
        }
        assertThat(TheilSen.median(new double[] {3, 1, 2, 4})).isEqualTo(2.5);
        assertThatThrownBy(() -> TheilSen.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullWindowFitsTheLineThroughItsMajorityAsEveryPairWould() {
        int n = FillForecaster.MAX_POINTS;
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i / 60.0; // a reading a minute, in hours
                // noise of +-4 pp, and a fifth of the readings wild
                y[i] = i % 5 == 2 ? random.nextDouble(0, 100) : 20 + 4 * x[i] + random.nextDouble(-4, 4);
            }
            TheilSen.Line halves = TheilSen.fit(x, y);
            TheilSen.Line allPairs = allPairs(x, y);
            assertThat(halves.slope()).as("trial %d", trial).isCloseTo(4.0, within(1.5));
            assertThat(halves.slope()).as("trial %d", trial).isCloseTo(allPairs.slope(), within(1.5));
            assertThat(halves.at(x[n - 1])).as("the level now, trial %d", trial).isCloseTo(28.0, within(2.0));
        }
    }

    @Test
    void aShortWindowUsesEveryPair() {
        double[] x = new double[TheilSen.ALL_PAIRS_UP_TO], y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = i < 12 ? 100 : 2 * i; // 30 % off the line at the start: Theil's pairs would give another slope here
        }
        assertThat(TheilSen.fit(x, y).slope()).isCloseTo(allPairs(x, y).slope(), within(1e-12));
    }

    /** Sen's estimator over every pair, the definition, sorted. */
    private static TheilSen.Line allPairs(double[] x, double[] y) {
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
            }
        }
        Arrays.sort(slopes);
        double slope = (slopes[k / 2] + slopes[(k - 1) / 2]) / 2;
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = y[i] - slope * x[i];
        }
        Arrays.sort(offsets);
        return new TheilSen.Line(slope, (offsets[n / 2] + offsets[(n - 1) / 2]) / 2);
    }
}
