package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowStartTest {

    /** Samples due in each second of the first {@code seconds}, every camera sampled at its phase after its first sample. */
    private static int[] duePerSecond(int cameras, long interval, SlowStart start, int seconds) {
        int[] due = new int[seconds];
        for (int n = 0; n < cameras; n++) {
            long phase = interval * n / cameras;
            long first = start.firstDelay(n, phase, interval);
            assertThat(first % interval).as("camera %d keeps its phase", n).isEqualTo(phase % interval);
            for (long t = first; t < seconds * 1000L; t += interval) {
                due[(int) (t / 1000)]++;
            }
        }
        return due;
    }

    @Test
    void aLargeCityRampsFromTheStartRateToItsFullRate() {
        // 5,000 cameras at 1 a minute: 83.3 samples/s in full, from 20/s over 30 s
        SlowStart start = new SlowStart(5000 / 60.0, 20, Duration.ofSeconds(30));
        assertThat(start.ramps()).isTrue();
        int[] due = duePerSecond(5000, 60_000, start, 150);
        for (int from = 0; from < 30; from += 5) {
            double expected = 20 + (5000 / 60.0 - 20) * (from + 2.5) / 30;
            assertThat(sum(due, from, from + 5) / 5.0).as("samples/s in %d..%d s", from, from + 5)
                    .isCloseTo(expected, within(0.15 * expected));
        }
        for (int from = 30; from < 150; from += 10) {
            assertThat(sum(due, from, from + 10) / 10.0).as("samples/s in %d..%d s", from, from + 10)
                    .isCloseTo(5000 / 60.0, within(5.0));
        }
    }

    @Test
    void shortIntervalsRampAlikeAndNoCameraWaitsLongerThanTheRampAndOneInterval() {
        SlowStart start = new SlowStart(1000 / 3.0, 20, Duration.ofSeconds(30));
        int[] due = duePerSecond(1000, 3_000, start, 60);
        double full = 1000 / 3.0;
        for (int from = 0; from < 30; from += 6) {
            double expected = 20 + (full - 20) * (from + 3) / 30;
            assertThat(sum(due, from, from + 6) / 6.0).as("samples/s in %d..%d s", from, from + 6)
                    .isCloseTo(expected, within(0.15 * expected));
        }
        for (int n = 0; n < 1000; n++) {
            assertThat(start.firstDelay(n, 3_000L * n / 1000, 3_000)).isLessThan(30_000 + 3_000);
        }
    }

    @Test
    void aCitySmallEnoughForTheStartRateOrNoRampStartsAtOnce() {
        SlowStart small = new SlowStart(6 / 3.0, 20, Duration.ofSeconds(30));
        SlowStart off = new SlowStart(5000 / 60.0, 20, Duration.ZERO);
        assertThat(small.ramps()).isFalse();
        assertThat(off.ramps()).isFalse();
        for (int n = 0; n < 100; n++) {
            assertThat(small.firstDelay(n, 30L * n, 3_000)).isEqualTo(30L * n);
            assertThat(off.firstDelay(n, 600L * n, 60_000)).isEqualTo(600L * n);
        }
    }

    private static int sum(int[] due, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += due[i];
        }
        return s;
    }
}
