package org.fillwatch.timeseries;

import com.zaxxer.hikari.HikariDataSource;
import org.fillwatch.testing.FreshPostgresDatabase;
import org.fillwatch.testing.ItServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded store's trends on a fresh PostgreSQL database per test (the real server). */
class EmbeddedFillTrendsPostgresIT extends FillTrendsContract {

    private FreshPostgresDatabase database;
    private HikariDataSource pool;

    @BeforeEach
    void freshDatabase() throws Exception {
        database = new FreshPostgresDatabase();
        pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setUsername(ItServers.postgresUser());
        pool.setPassword(ItServers.postgresPassword());
        pool.setMaximumPoolSize(2);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        use(new EmbeddedFillTrends(JdbcClient.create(jdbc)), new EmbeddedFillStore(jdbc)::on);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        pool.close();
        database.close();
    }
}
