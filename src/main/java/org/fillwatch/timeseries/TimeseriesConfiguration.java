package org.fillwatch.timeseries;

import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

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

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "embedded", matchIfMissing = true)
    EmbeddedRetention embeddedRetention(EmbeddedFillStore store, TimeseriesProperties properties,
                                        org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        return new EmbeddedRetention(store, properties.embedded().retention(),
                clock.getIfAvailable(java.time.Clock::systemUTC));
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "embedded", matchIfMissing = true)
    EmbeddedFillTrends embeddedFillTrends(JdbcTemplate jdbc, EmbeddedFillStore store) {
        return new EmbeddedFillTrends(JdbcClient.create(jdbc), () -> store.writer().flush(Duration.ofSeconds(5)));
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
    InfluxFillStore influxFillStore(TimeseriesProperties properties, MeterRegistry meters) {
        return new InfluxFillStore(properties.influx(), meters);
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "influxdb")
    InfluxFillTrends influxFillTrends(InfluxFillStore store) {
        return new InfluxFillTrends(store);
    }

    @Bean("timeseriesHealthIndicator")
    @ConditionalOnProperty(name = STORE, havingValue = "influxdb")
    HealthIndicator influxHealth(InfluxFillStore store) {
        return () -> {
            try {
                var pong = store.ping();
                return (pong.isGood() ? Health.up() : Health.down())
                        .withDetail("store", "influxdb").withDetail("url", store.url())
                        .withDetail("version", pong.getVersion()).withDetails(store.bufferDetails()).build();
            } catch (RuntimeException e) {
                // the exception's message only: its stack trace is no business of a health answer
                return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                        .withDetail("store", "influxdb").withDetail("url", store.url())
                        .withDetails(store.bufferDetails()).build();
            }
        };
    }

    /** The bounded write stage: how full, how much written, how much dropped because the store fell behind. */
    private static java.util.Map<String, Object> writerDetails(ReadingWriter writer) {
        return java.util.Map.of("queued", writer.queued(), "written", writer.written(), "batches", writer.batches(),
                "dropped", writer.dropped());
    }
}
