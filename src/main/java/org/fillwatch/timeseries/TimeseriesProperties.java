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
record TimeseriesProperties(@DefaultValue("embedded") Store store, @DefaultValue Influx influx) {

    enum Store { EMBEDDED, INFLUXDB }

    /**
     * @param retention     e.g. {@code 90d}; empty keeps the database's default policy (autogen, forever)
     * @param batchActions  points buffered before a write is forced
     * @param flushInterval longest time a point waits in the buffer
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
