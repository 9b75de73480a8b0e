package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.reading.FillReading;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.ServersIT;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationEventPublisher;

/** Readings written by the service land in a real InfluxDB and read back with InfluxQL. */
class InfluxStoreIT extends ServersIT {

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired FillHistory history;
    @Autowired @Qualifier("timeseriesHealthIndicator") HealthIndicator health;

    @Test
    void readingsAreWrittenAsFillLevelPointsAndReadBack() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-influx", 2);
        Instant t0 = Instant.parse("2026-11-25T06:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(new FrameAnalysed(pavilion.id(), t0.plusSeconds(60L * i), "model-7", List.of(
                    new ContainerEstimate("c1", 40 + i, FillState.PARTIAL, 0.8, 0),
                    new ContainerEstimate("c2", 90, FillState.FULL, 0.95, 0.1))));
        }

        try (InfluxDB influx = InfluxDBFactory.connect(ItServers.influxUrl())) {
            List<List<Object>> rows = awaitRows(influx, "SELECT fill_pct, confidence, model_version, carrier, district, "
                    + "state FROM fill_level WHERE pavilion = '" + pavilion.id() + "' AND container = 'c1' ORDER BY time", 3);
            assertThat(rows).hasSize(3);
            // columns: time, fill_pct, confidence, model_version, carrier, district, state
            assertThat(rows.get(0).get(0)).isEqualTo((double) t0.toEpochMilli());
            assertThat(rows).extracting(r -> r.get(1)).containsExactly(40.0, 41.0, 42.0);
            assertThat(rows.get(2)).containsSubsequence(0.8, "model-7", "carrier-influx", "Centre", "PARTIAL");

            List<List<Object>> c2 = awaitRows(influx, "SELECT count(fill_pct) FROM fill_level WHERE pavilion = '"
                    + pavilion.id() + "' AND container = 'c2' AND state = 'FULL'", 1);
            assertThat(((Number) c2.get(0).get(1)).intValue()).isEqualTo(3);
        }

        List<FillReading> back = history.of(pavilion.id(), "c1", t0, t0.plus(Duration.ofHours(1)));
        assertThat(back).extracting(FillReading::fillPercent).containsExactly(40.0, 41.0, 42.0);
        assertThat(back.get(0)).isEqualTo(new FillReading(t0, pavilion.id(), "c1", "Centre", "carrier-influx", 40,
                FillState.PARTIAL, 0.8, "model-7"));
        assertThat(history.of(pavilion.id(), "c1", t0.plusSeconds(61), t0.plus(Duration.ofHours(1)))).hasSize(1);
        // all three are stored by now (of waited for them): the newest two, oldest first
        assertThat(history.lastStored(pavilion.id(), "c1", t0, t0.plus(Duration.ofHours(1)), 2))
                .extracting(FillReading::fillPercent).containsExactly(41.0, 42.0);
    }

    @Test
    void serviceCreatedTheDatabaseWithTheConfiguredRetention() {
        try (InfluxDB influx = InfluxDBFactory.connect(ItServers.influxUrl())) {
            QueryResult databases = influx.query(new Query("SHOW DATABASES"));
            assertThat(databases.getResults().get(0).getSeries().get(0).getValues())
                    .extracting(row -> row.get(0)).contains(INFLUX_DATABASE);
            QueryResult policies = influx.query(new Query("SHOW RETENTION POLICIES ON \"" + INFLUX_DATABASE + "\""));
            // columns: name, duration, shardGroupDuration, replicaN, default
            assertThat(policies.getResults().get(0).getSeries().get(0).getValues())
                    .anySatisfy(row -> assertThat(row).startsWith("fillwatch", "720h0m0s").endsWith(true));
        }
    }

    @Test
    void healthPingsInfluxDb() {
        var result = health.health(true);
        assertThat(result.getStatus()).isEqualTo(Status.UP);
        assertThat(result.getDetails()).containsEntry("store", "influxdb").containsKey("version")
                .containsEntry("droppedBufferFull", 0L).containsEntry("droppedRefused", 0L).containsKey("bufferedOnDisk");
    }

    @Test
    void lostReadingsAreAServiceMetric(@Autowired io.micrometer.core.instrument.MeterRegistry meters) {
        assertThat(meters.get(InfluxFillStore.DROPPED_METRIC).counters()).extracting(c -> c.getId().getTag("reason"))
                .containsExactlyInAnyOrder("buffer-full", "refused");
        assertThat(meters.get("fillwatch.readings.buffered").gauges()).hasSize(2);
    }

    /** Waits for the client's batch flush (200 ms in the tests) and returns the rows of the first series. */
    private static List<List<Object>> awaitRows(InfluxDB influx, String influxQl, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<List<Object>> rows = List.of();
        while (System.nanoTime() < deadline) {
            QueryResult result = influx.query(new Query(influxQl, INFLUX_DATABASE), TimeUnit.MILLISECONDS);
            assertThat(result.getError()).isNull();
            QueryResult.Result first = result.getResults().get(0);
            assertThat(first.getError()).isNull();
            if (first.getSeries() != null) {
                rows = first.getSeries().get(0).getValues();
                if (rows.size() >= expected) {
                    return rows;
                }
            }
            Thread.sleep(100);
        }
        return rows;
    }
}
