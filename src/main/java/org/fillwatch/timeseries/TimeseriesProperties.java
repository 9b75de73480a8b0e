package org.fillwatch.timeseries;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code fillwatch.timeseries.*}: where readings are stored.
 *
 * @param store {@code embedded} (table fill_reading in the application's database) or {@code influxdb}
 */
@ConfigurationProperties("fillwatch.timeseries")
record TimeseriesProperties(@DefaultValue("embedded") Store store, @DefaultValue Influx influx,
                            @DefaultValue Writer writer, @DefaultValue Embedded embedded) {

    /**
     * The embedded store's retention (applied every {@code fillwatch.timeseries.embedded.sweep}, 1h,
     * read by {@link EmbeddedRetention}'s schedule). At 5,000 cameras the table grows by 21.6 million
     * rows a day.
     *
     * @param retention readings older than this are deleted; empty keeps them all (as InfluxDB's default policy)
     */
    record Embedded(Duration retention) {
        Embedded {
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new IllegalArgumentException("fillwatch.timeseries.embedded.retention must be positive, got " + retention);
            }
        }
    }

    /**
     * The bounded stage in front of either store.
     *
     * @param queueCapacity readings waiting to be written at most (about 200 bytes each)
     * @param batch         readings per write at most (embedded store; InfluxDB uses batch-actions)
     * @param offerTimeout  how long a camera worker waits for room in a full queue before the readings
     *                      are dropped and counted
     */
    record Writer(@DefaultValue("20000") int queueCapacity, @DefaultValue("1000") int batch,
                  @DefaultValue("2s") Duration offerTimeout) {
    }

    enum Store { EMBEDDED, INFLUXDB }

    /**
     * @param retention     e.g. {@code 90d}; empty keeps the database's default policy (autogen, forever)
     * @param batchActions  points buffered before a write is forced
     * @param flushInterval how often the writer sends what waits in the buffer
     * @param buffer        where readings wait while InfluxDB is unreachable
     */
    record Influx(@DefaultValue("http://127.0.0.1:8086") String url,
                  @DefaultValue("fillwatch") String database,
                  String username,
                  String password,
                  String retention,
                  @DefaultValue("500") int batchActions,
                  @DefaultValue("1s") Duration flushInterval,
                  @DefaultValue Buffer buffer) {
    }

    /**
     * @param memoryReadings readings held in memory before they go to the spill file
     * @param spillDir       folder of the spill file (readings.lp, line protocol) and its read position
     * @param spillMaxBytes  the spill file's cap; beyond it readings are dropped and counted
     */
    record Buffer(@DefaultValue("10000") int memoryReadings,
                  @DefaultValue("data/influx-spill") Path spillDir,
                  @DefaultValue("100MB") DataSize spillMaxBytes) {
    }
}
