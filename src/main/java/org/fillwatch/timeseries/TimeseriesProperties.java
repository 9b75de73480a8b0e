package org.fillwatch.timeseries;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fillwatch.timeseries.*}: where readings are stored.
 *
 * @param store {@code embedded} (table fill_reading in the application's database) or {@code influxdb}
 */
@ConfigurationProperties("fillwatch.timeseries")
record TimeseriesProperties(@DefaultValue("embedded") Store store, @DefaultValue Influx influx,
                            @DefaultValue Writer writer) {

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
     * @param batchActions  points per write request at most
     * @param flushInterval no longer used: readings are written as soon as the writer is free
     */
    record Influx(@DefaultValue("http://127.0.0.1:8086") String url,
                  @DefaultValue("fillwatch") String database,
                  String username,
                  String password,
                  String retention,
                  @DefaultValue("500") int batchActions,
                  @DefaultValue("1s") Duration flushInterval) {
    }
}
