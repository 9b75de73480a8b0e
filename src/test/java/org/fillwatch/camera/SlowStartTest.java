package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowStartTest {

    /** Samples due in each second of the first {@code seconds}, every camera sampled at its phase after its first sample. */
    private static int[] duePerSecond(List<Duration> intervals, SlowStart start, int seconds) {
        int[] due = new int[seconds];
        long[] first = start.firstDelays(intervals);
        for (int n = 0; n < first.length; n++) {
            long interval = intervals.get(n).toMillis();
            assertThat(first[n] % interval).as("camera %d keeps its phase", n).isEqualTo(interval * n / first.length % interval);
            for (long t = first[n]; t < seconds * 1000L; t += interval) {
                due[(int) (t / 1000)]++;
            }
        }
        return due;
    }

    private static List<Duration> every(Duration interval, int cameras) {
        return Collections.nCopies(cameras, interval);
    }

    @Test
    void aLargeCityRampsFromTheStartRateToItsFullRate() {
        // 5,000 cameras at 1 a minute: 83.3 samples/s in full, from 20/s over 30 s
        List<Duration> city = every(Duration.ofMinutes(1), 5000);
        SlowStart start = SlowStart.of(city, 20, Duration.ofSeconds(30));
        assertThat(start.ramps()).isTrue();
        assertThat(start.fullRate()).isCloseTo(5000 / 60.0, within(1e-9));
        int[] due = duePerSecond(city, start, 150);
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
        List<Duration> fast = every(Duration.ofSeconds(3), 1000);
        SlowStart start = SlowStart.of(fast, 20, Duration.ofSeconds(30));
        int[] due = duePerSecond(fast, start, 60);
        double full = 1000 / 3.0;
        for (int from = 0; from < 30; from += 6) {
            double expected = 20 + (full - 20) * (from + 3) / 30;
            assertThat(sum(due, from, from + 6) / 6.0).as("samples/s in %d..%d s", from, from + 6)
                    .isCloseTo(expected, within(0.15 * expected));
        }
        assertThat(java.util.Arrays.stream(start.firstDelays(fast)).max().orElseThrow()).isLessThan(30_000 + 3_000);
    }

    @Test
    void aCitySmallEnoughForTheStartRateOrNoRampIsOnlySpreadOverItsIntervals() {
        // 6 cameras every 3 s and one a minute: 2.02 samples/s, under the start rate
        List<Duration> small = new ArrayList<>(every(Duration.ofSeconds(3), 6));
        small.add(Duration.ofMinutes(1));
        SlowStart smallStart = SlowStart.of(small, 20, Duration.ofSeconds(30));
        assertThat(smallStart.ramps()).isFalse();
        assertThat(smallStart.fullRate()).isCloseTo(6 / 3.0 + 1 / 60.0, within(1e-9));
        assertThat(smallStart.firstDelays(small)).containsExactly(0, 428, 857, 1285, 1714, 2142, 6 * 60_000 / 7);
        // a large city gained from a failed node: no ramp, the n-th of 100 at n/100 of its minute
        List<Duration> gained = every(Duration.ofMinutes(1), 100);
        SlowStart off = SlowStart.of(gained, 20, Duration.ZERO);
        assertThat(off.ramps()).isFalse();
        long[] delays = off.firstDelays(gained);
        for (int n = 0; n < 100; n++) {
            assertThat(delays[n]).isEqualTo(600L * n);
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
