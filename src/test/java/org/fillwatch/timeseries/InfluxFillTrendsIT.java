package org.fillwatch.timeseries;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fillwatch.testing.ItServers;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The InfluxQL trends against the real InfluxDB, a fresh database per test that the store creates
 * itself; readings go in through the store's batched write path.
 */
class InfluxFillTrendsIT extends FillTrendsContract {

    private final String database = "fillwatch_trends_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private InfluxFillStore store;

    @BeforeEach
    void freshDatabase() throws java.io.IOException {
        store = new InfluxFillStore(new TimeseriesProperties.Influx(ItServers.influxUrl(), database, null, null, null,
                500, Duration.ofMillis(200), new TimeseriesProperties.Buffer(10_000,
                        java.nio.file.Files.createTempDirectory("influx-spill"),
                        org.springframework.util.unit.DataSize.ofMegabytes(16))),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        use(new InfluxFillTrends(store), store::on);
    }

    /**
     * The client's flush before each query misses a batch that its own background thread is still
     * sending, so the test waits until InfluxDB holds every point it was given.
     */
    @Override
    void awaitStored(int readings) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (InfluxDB influx = InfluxDBFactory.connect(ItServers.influxUrl())) {
            while (System.nanoTime() < deadline) {
                QueryResult result = influx.query(new Query("SELECT count(fill_pct) FROM fill_level", database));
                var series = result.getResults().get(0).getSeries();
                if (series != null && ((Number) series.get(0).getValues().get(0).get(1)).intValue() >= readings) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(readings + " readings not in InfluxDB after 20 s");
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        try (InfluxDB influx = InfluxDBFactory.connect(ItServers.influxUrl())) {
            influx.query(new Query("DROP DATABASE \"" + database + "\""));
        }
    }
}
