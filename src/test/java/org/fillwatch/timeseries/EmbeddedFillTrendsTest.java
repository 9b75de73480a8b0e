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
        use(new EmbeddedFillTrends(JdbcClient.create(jdbc)), new EmbeddedFillStore(jdbc)::on);
    }
}
