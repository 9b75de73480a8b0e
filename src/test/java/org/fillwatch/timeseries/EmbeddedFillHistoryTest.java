package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.testing.FreshH2;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Readings read back from the embedded store (a period whole, or its newest stored readings), and its retention. */
class EmbeddedFillHistoryTest {

    private final Instant t0 = Instant.parse("2026-12-01T06:00:00Z");

    /** A fresh database migrated by the service's scripts: H2 here, PostgreSQL in the subclass. */
    DataSource database() throws Exception {
        return FreshH2.migrated();
    }

    private EmbeddedFillStore store() throws Exception {
        return new EmbeddedFillStore(new JdbcTemplate(database()),
                new TimeseriesProperties.Writer(1000, 100, Duration.ofSeconds(2)));
    }

    /** Ten minutes of c1 (10 %, 11 %, ...) and c2 (90 %) of pavilion p1. */
    private void tenMinutes(EmbeddedFillStore store) {
        List<FillReading> readings = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            readings.add(new FillReading(t0.plus(Duration.ofMinutes(m)), "p1", "c1", "Centre", "carrier-a", 10 + m,
                    FillState.PARTIAL, 0.9, "m"));
            readings.add(new FillReading(t0.plus(Duration.ofMinutes(m)), "p1", "c2", "Centre", "carrier-a", 90,
                    FillState.FULL, 0.9, "m"));
        }
        store.on(new ReadingsRecorded(readings));
    }

    @Test
    void readingsBeyondTheRetentionAreDeletedInChunksAndTheRestStays() throws Exception {
        try (EmbeddedFillStore store = store()) {
            tenMinutes(store);
            store.writer().flush(Duration.ofSeconds(5));
            Instant now = t0.plus(Duration.ofMinutes(10));
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            assertThat(new EmbeddedRetention(store, null, clock).sweep()).as("no retention: all kept").isZero();
            // minutes 0-3 of both containers, three rows per statement: 3 + 3 + 2
            assertThat(store.deleteBefore(t0.plus(Duration.ofMinutes(4)), 3)).isEqualTo(8);
            assertThat(new EmbeddedRetention(store, Duration.ofMinutes(5), clock).sweep()).as("minute 4 of both").isEqualTo(2);
            assertThat(store.of("p1", "c1", t0, now)).extracting(FillReading::fillPercent)
                    .containsExactly(15.0, 16.0, 17.0, 18.0, 19.0);
            assertThat(store.of("p1", "c2", t0, now)).hasSize(5);
        }
    }

    @Test
    void aPeriodComesBackWholeOrAsItsNewestReadingsOldestFirst() throws Exception {
        try (EmbeddedFillStore store = store()) {
            tenMinutes(store);

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
