package org.fillwatch.timeseries;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Picks the store named by {@code fillwatch.timeseries.store}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeseriesProperties.class)
class TimeseriesConfiguration {

    private static final String STORE = "fillwatch.timeseries.store";

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = STORE, havingValue = "embedded", matchIfMissing = true)
    EmbeddedFillStore embeddedFillStore(JdbcTemplate jdbc, TimeseriesProperties properties) {
        return new EmbeddedFillStore(jdbc, properties.writer());
    }

    @Bean("timeseriesHealthIndicator")
    @ConditionalOnProperty(name = STORE, havingValue = "embedded", matchIfMissing = true)
    HealthIndicator embeddedHealth(EmbeddedFillStore store) {
        return () -> {
            store.probe();
            return Health.up().withDetail("store", "embedded").withDetail("table", "fill_reading")
                    .withDetail("writer", writerDetails(store.writer())).build();
        };
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = STORE, havingValue = "influxdb")
    InfluxFillStore influxFillStore(TimeseriesProperties properties) {
        return new InfluxFillStore(properties.influx(), properties.writer());
    }

    @Bean("timeseriesHealthIndicator")
    @ConditionalOnProperty(name = STORE, havingValue = "influxdb")
    HealthIndicator influxHealth(InfluxFillStore store) {
        return () -> {
            try {
                var pong = store.ping();
                return (pong.isGood() ? Health.up() : Health.down())
                        .withDetail("store", "influxdb").withDetail("url", store.url())
                        .withDetail("writer", writerDetails(store.writer()))
                        .withDetail("version", pong.getVersion()).build();
            } catch (RuntimeException e) {
                return Health.down(e).withDetail("store", "influxdb").withDetail("url", store.url()).build();
            }
        };
    }

    /** The bounded write stage: how full, how much written, how much dropped because the store fell behind. */
    private static java.util.Map<String, Object> writerDetails(ReadingWriter writer) {
        return java.util.Map.of("queued", writer.queued(), "written", writer.written(), "batches", writer.batches(),
                "dropped", writer.dropped());
    }
}
