package org.fillwatch.incident;

import org.fillwatch.testing.FreshH2;
import org.junit.jupiter.api.BeforeEach;

/** The register's trends on H2, the default database. */
class IncidentTrendsTest extends IncidentTrendsContract {

    @BeforeEach
    void freshDatabase() {
        use(FreshH2.migrated());
    }
}
