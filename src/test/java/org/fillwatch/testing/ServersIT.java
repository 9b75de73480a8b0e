package org.fillwatch.testing;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests against real servers: a fresh PostgreSQL database (migrated by
 * Flyway at start-up, dropped at the end), InfluxDB as the time-series store (a fresh database
 * that the service creates itself) and Mosquitto as the broker. All subclasses share one context.
 */
@SpringBootTest(properties = {
        "fillwatch.timeseries.store=influxdb",
        "fillwatch.cameras.enabled=false",
        "fillwatch.evidence.dir=${java.io.tmpdir}/fillwatch-evidence-${random.uuid}",
        "fillwatch.timeseries.influx.flush-interval=200ms",
        // one spill file per context: two stores must never share one
        "fillwatch.timeseries.influx.buffer.spill-dir=${java.io.tmpdir}/fillwatch-spill-${random.uuid}",
        "fillwatch.timeseries.influx.retention=30d",
        "fillwatch.mqtt.client-id=fillwatch-it-${random.uuid}",
        // deadlines are checked by the tests themselves, at the times they choose
        "fillwatch.incidents.escalation-check=1d",
        "fillwatch.incidents.camera-offline.check=1d"})
@Import({TestPavilions.Config.class, FreshPostgresConfig.class, ServersIT.Servers.class})
public abstract class ServersIT {

    public static final String INFLUX_DATABASE = "fillwatch_it_" + ItServers.RUN;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("fillwatch.timeseries.influx.url", ItServers::influxUrl);
        registry.add("fillwatch.timeseries.influx.database", () -> INFLUX_DATABASE);
        registry.add("fillwatch.mqtt.url", ItServers::mqttUrl);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Servers {

        @Bean(destroyMethod = "close")
        InfluxCleanup influxCleanup() {
            return new InfluxCleanup();
        }
    }

    /** Drops the test run's InfluxDB database when the context closes. */
    static final class InfluxCleanup implements AutoCloseable {
        @Override
        public void close() {
            try (InfluxDB influx = InfluxDBFactory.connect(ItServers.influxUrl())) {
                influx.query(new Query("DROP DATABASE \"" + INFLUX_DATABASE + "\""));
            }
        }
    }
}
