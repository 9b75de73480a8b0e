package org.fillwatch.testing;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A fresh PostgreSQL database migrated by the service's Flyway scripts, without a Spring context; dropped on close. */
public final class MigratedPostgres implements AutoCloseable {

    private final FreshPostgresDatabase database;
    private final HikariDataSource pool;

    public MigratedPostgres() throws Exception {
        database = new FreshPostgresDatabase();
        pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setUsername(ItServers.postgresUser());
        pool.setPassword(ItServers.postgresPassword());
        pool.setMaximumPoolSize(2);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() throws Exception {
        pool.close();
        database.close();
    }
}
