package org.fillwatch.timeseries;

import javax.sql.DataSource;
import org.fillwatch.testing.MigratedPostgres;
import org.junit.jupiter.api.AfterEach;

/** The embedded store's read-back and retention on a fresh PostgreSQL database per test (the real server). */
class EmbeddedFillHistoryPostgresIT extends EmbeddedFillHistoryTest {

    private MigratedPostgres postgres;

    @Override
    DataSource database() throws Exception {
        postgres = new MigratedPostgres();
        return postgres.dataSource();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
