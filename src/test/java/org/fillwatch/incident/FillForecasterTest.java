package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;

class FillForecasterTest {

    private final Thresholds thresholds = new Thresholds(80, 30, 3);
    private final FillForecaster forecaster = new FillForecaster(Duration.ofHours(6), 6, Duration.ofMinutes(30));
    private final Instant t0 = Instant.parse("2026-11-25T06:00:00Z");

    private Optional<FillForecaster.Forecast> offer(int minute, double fill, FillState state) {
        return forecaster.offer(new FillReading(t0.plusSeconds(60L * minute), "p1", "c1", "d", "carrier-a", fill, state,
                0.9, "m"), thresholds);
    }

    /** After a restart or a camera move the window starts from the stored readings, not from nothing. */
    @Test
    void seededWindowForecastsFromTheFirstLiveReading() {
        assertThat(forecaster.knows("p1", "c1")).isFalse();
        java.util.List<FillReading> stored = new java.util.ArrayList<>();
        for (int m = 50; m >= 0; m -= 10) { // newest first: seed sorts them
            stored.add(new FillReading(t0.plusSeconds(60L * m), "p1", "c1", "d", "carrier-a", 40 + m / 6.0,
                    FillState.PARTIAL, 0.9, "m"));
        }
        stored.add(new FillReading(t0.plusSeconds(60L * 55), "p1", "c1", "d", "carrier-a", 99, FillState.UNKNOWN, 0.1, "m"));
        forecaster.seed("p1", "c1", stored, thresholds);
        assertThat(forecaster.knows("p1", "c1")).isTrue();
        FillForecaster.Forecast f = offer(60, 50, FillState.PARTIAL).orElseThrow();
        assertThat(f.ratePerHour()).isCloseTo(10, within(1e-6));
        assertThat(f.fullAt()).isEqualTo(t0.plus(Duration.ofHours(4)));

        // a second seed does not add the stored readings again; forget drops the window
        forecaster.seed("p1", "c1", stored, thresholds);
        assertThat(offer(70, 40 + 70 / 6.0, FillState.PARTIAL).orElseThrow().ratePerHour()).isCloseTo(10, within(1e-6));
        forecaster.forget("p1");
        assertThat(forecaster.knows("p1", "c1")).isFalse();
        assertThat(offer(80, 53, FillState.PARTIAL)).as("a fresh window after forget").isEmpty();
    }

    @Test
    void theilSenIgnoresOutliersThatLeastSquaresWouldFollow() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {10, 12, 14, 16, 95, 20, 22, 0, 26, 28};
        TheilSen.Line line = TheilSen.fit(x, y);
        assertThat(line.slope()).isCloseTo(2.0, within(1e-9));
        assertThat(line.intercept()).isCloseTo(10.0, within(1e-9));
    }

    /** Readings recorded without a forecast (while an incident is open) still make the window. */
    @Test
    void recordedReadingsMakeTheWindowOfTheNextForecast() {
        for (int m = 0; m < 60; m += 10) {
            forecaster.record(new FillReading(t0.plusSeconds(60L * m), "p1", "c1", "d", "carrier-a", 40 + m / 6.0,
                    FillState.PARTIAL, 0.9, "m"), thresholds);
        }
        FillForecaster.Forecast f = offer(60, 50, FillState.PARTIAL).orElseThrow();
        assertThat(f.ratePerHour()).isCloseTo(10, within(1e-6));
        assertThat(f.fullAt()).isEqualTo(t0.plus(Duration.ofHours(4)));
    }

    @Test
    void steadyFillGivesRateAndTimeToFull() {
        Optional<FillForecaster.Forecast> last = Optional.empty();
        for (int m = 0; m <= 60; m += 10) {
            last = offer(m, 40 + m / 6.0, FillState.PARTIAL); // 10 pp per hour
        }
        FillForecaster.Forecast f = last.orElseThrow();
        assertThat(f.ratePerHour()).isCloseTo(10, within(1e-6));
        assertThat(f.level()).isCloseTo(50, within(1e-6));
        assertThat(f.fullAt()).isEqualTo(t0.plus(Duration.ofHours(4))); // 30 pp more at 10 pp/h, from minute 60
    }

    @Test
    void tooFewOrTooShortNoForecastAndUnknownIsLeftOut() {
        for (int m = 0; m < 25; m += 5) {
            assertThat(offer(m, 40 + m, FillState.PARTIAL)).isEmpty();
        }
        assertThat(offer(26, 99, FillState.UNKNOWN)).isEmpty();
        assertThat(offer(30, 70, FillState.PARTIAL)).as("6 readings over 30 min").isPresent();
    }

    @Test
    void emptyingOrFallingFillForecastsNothingFull() {
        for (int m = 0; m <= 60; m += 10) {
            offer(m, 50 + m / 2.0, FillState.PARTIAL);
        }
        offer(61, 85, FillState.FULL);
        // the pickup starts a new window
        assertThat(offer(70, 10, FillState.EMPTY)).isEmpty();
        for (int m = 80; m <= 130; m += 10) {
            offer(m, 60 - m / 10.0, FillState.PARTIAL);
        }
        assertThat(offer(140, 45, FillState.PARTIAL)).hasValueSatisfying(f -> assertThat(f.fullAt()).isNull());
    }

    @Test
    void carriersCanHaveTheirOwnLeadTime() {
        IncidentProperties.Forecast settings = new IncidentProperties.Forecast(true, Duration.ofHours(2),
                Map.of("carrier-far", Duration.ofHours(8)), Duration.ofHours(6), 6, Duration.ofMinutes(30), 7, "");
        assertThat(settings.leadTime("carrier-far")).isEqualTo(Duration.ofHours(8));
        assertThat(settings.leadTime("carrier-a")).isEqualTo(Duration.ofHours(2));
    }
}
