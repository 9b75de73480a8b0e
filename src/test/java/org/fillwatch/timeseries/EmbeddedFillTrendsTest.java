package org.fillwatch.timeseries;

import org.fillwatch.testing.FreshH2;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded store's trends on H2 (the default database), migrated by the service's Flyway scripts. */
class EmbeddedFillTrendsTest extends FillTrendsContract {

    @BeforeEach
    void freshDatabase() {
        JdbcTemplate jdbc = new JdbcTemplate(FreshH2.migrated());
        EmbeddedFillStore store = new EmbeddedFillStore(jdbc, new TimeseriesProperties.Writer(20_000, 1000,
                java.time.Duration.ofSeconds(2)));
        use(new EmbeddedFillTrends(JdbcClient.create(jdbc), () -> store.writer().flush(java.time.Duration.ofSeconds(10))),
                store::on);
    }
}
