package org.fillwatch.incident;

import org.fillwatch.testing.MigratedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The register's trends on a fresh PostgreSQL database per test (the real server). */
class IncidentTrendsPostgresIT extends IncidentTrendsContract {

    private MigratedPostgres database;

    @BeforeEach
    void freshDatabase() throws Exception {
        database = new MigratedPostgres();
        use(database.dataSource());
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }
}
