package org.fillwatch.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A new in-memory H2 database in the service's settings (MODE=PostgreSQL), migrated by its Flyway
 * scripts, behind one connection that stays open: H2 2.4 evaluates a CHECK constraint in the
 * session that created it, so the migrating connection must outlive the test ("database closed").
 */
public final class FreshH2 {

    private FreshH2() {
    }

    public static DataSource migrated() {
        DataSource h2 = new SingleConnectionDataSource("jdbc:h2:mem:fresh-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", true);
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }
}
