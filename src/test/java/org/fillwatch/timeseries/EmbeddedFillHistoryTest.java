package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.testing.FreshH2;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Readings read back from the embedded store: a period whole, or its newest stored readings. */
class EmbeddedFillHistoryTest {

    private final Instant t0 = Instant.parse("2026-12-01T06:00:00Z");

    @Test
    void aPeriodComesBackWholeOrAsItsNewestReadingsOldestFirst() {
        try (EmbeddedFillStore store = new EmbeddedFillStore(new JdbcTemplate(FreshH2.migrated()),
                new TimeseriesProperties.Writer(1000, 100, Duration.ofSeconds(2)))) {
            List<FillReading> readings = new ArrayList<>();
            for (int m = 0; m < 10; m++) {
                readings.add(new FillReading(t0.plus(Duration.ofMinutes(m)), "p1", "c1", "Centre", "carrier-a", 10 + m,
                        FillState.PARTIAL, 0.9, "m"));
                readings.add(new FillReading(t0.plus(Duration.ofMinutes(m)), "p1", "c2", "Centre", "carrier-a", 90,
                        FillState.FULL, 0.9, "m"));
            }
            store.on(new ReadingsRecorded(readings));

            assertThat(store.of("p1", "c1", t0, t0.plus(Duration.ofHours(1))))
                    .extracting(FillReading::fillPercent).containsExactly(10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0);
            // minutes 2..7 of c1 are in [from, to); the newest three of them, oldest first
            assertThat(store.lastStored("p1", "c1", t0.plus(Duration.ofMinutes(2)), t0.plus(Duration.ofMinutes(8)), 3))
                    .extracting(FillReading::fillPercent).containsExactly(15.0, 16.0, 17.0);
            assertThat(store.lastStored("p1", "c1", t0.plus(Duration.ofMinutes(8)), t0.plus(Duration.ofHours(1)), 120))
                    .extracting(FillReading::time).containsExactly(t0.plus(Duration.ofMinutes(8)), t0.plus(Duration.ofMinutes(9)));
            assertThat(store.lastStored("p1", "c3", t0, t0.plus(Duration.ofHours(1)), 120)).isEmpty();
        }
    }
}
