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
        use(new EmbeddedFillTrends(JdbcClient.create(jdbc)), new EmbeddedFillStore(jdbc)::on);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }
}
