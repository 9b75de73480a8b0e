package org.fillwatch.timeseries;

import org.fillwatch.testing.MigratedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded store's trends on a fresh PostgreSQL database per test (the real server). */
class EmbeddedFillTrendsPostgresIT extends FillTrendsContract {

    private MigratedPostgres database;

    @BeforeEach
    void freshDatabase() throws Exception {
        database = new MigratedPostgres();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        EmbeddedFillStore store = new EmbeddedFillStore(jdbc, new TimeseriesProperties.Writer(20_000, 1000,
                java.time.Duration.ofSeconds(2)));
        use(new EmbeddedFillTrends(JdbcClient.create(jdbc), () -> store.writer().flush(java.time.Duration.ofSeconds(10))),
                store::on);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }
}
