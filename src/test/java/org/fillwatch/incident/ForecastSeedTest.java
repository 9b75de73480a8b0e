package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.timeseries.FillHistory;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;

/**
 * After a start the fit window of a container begins with its stored readings: a container that has
 * been filling for hours is forecast full at its first reading, and the look back asks the store only
 * for what it already holds, at most one window of points.
 */
class ForecastSeedTest {

    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final List<String> asked = new ArrayList<>();

    @Test
    void aRestartedInstanceForecastsAtTheFirstReadingFromTheStoredOnes() {
        TestPavilions pavilions = new TestPavilions();
        Pavilion site = pavilions.create("carrier-seed", 1);
        List<Object> published = new ArrayList<>();
        IncidentKeeper keeper = new KeeperOnH2(pavilions, published::add, true, new StoredHours(site)).keeper;

        keeper.on(new ReadingsRecorded(List.of(reading(site, now, 70))));

        assertThat(asked).containsExactly(site.id() + "/c1 from " + now.minus(Duration.ofHours(6)) + " newest 120");
        assertThat(published).singleElement().isInstanceOfSatisfying(IncidentOpened.class, opened -> {
            assertThat(opened.incident().type()).isEqualTo(IncidentType.FORECAST_FULL);
            assertThat(opened.incident().openedAt()).isEqualTo(now);
        });
    }

    private static FillReading reading(Pavilion site, Instant at, double fill) {
        return new FillReading(at, site.id(), "c1", site.district(), site.carrierId(), fill, FillState.PARTIAL, 0.9, "m");
    }

    /** Five hours of a reading a minute, 10 pp an hour up to 70 % now (full at 80 % in an hour). */
    private final class StoredHours implements FillHistory {
        private final Pavilion site;

        StoredHours(Pavilion site) {
            this.site = site;
        }

        @Override
        public List<FillReading> of(String pavilionId, String containerId, Instant from, Instant to) {
            throw new AssertionError("the look back must not wait for the writer");
        }

        @Override
        public List<FillReading> lastStored(String pavilionId, String containerId, Instant from, Instant to, int limit) {
            asked.add(pavilionId + "/" + containerId + " from " + from + " newest " + limit);
            List<FillReading> stored = new ArrayList<>();
            for (int m = 300; m >= 1; m--) {
                Instant at = now.minus(Duration.ofMinutes(m));
                if (!at.isBefore(from) && at.isBefore(to)) {
                    stored.add(reading(site, at, 70 - m / 6.0));
                }
            }
            return stored.subList(Math.max(0, stored.size() - limit), stored.size());
        }
    }
}
