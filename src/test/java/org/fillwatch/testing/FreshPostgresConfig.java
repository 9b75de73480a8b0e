package org.fillwatch.testing;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The service's DataSource on a fresh PostgreSQL database (migrated by Flyway, dropped at the end). */
@TestConfiguration(proxyBeanMethods = false)
public class FreshPostgresConfig {

    @Bean(destroyMethod = "close")
    FreshPostgresDatabase freshPostgresDatabase() throws Exception {
        return new FreshPostgresDatabase();
    }

    /** Depends on the database bean, so the pool closes before the database is dropped. */
    @Bean
    DataSource dataSource(FreshPostgresDatabase database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setUsername(ItServers.postgresUser());
        pool.setPassword(ItServers.postgresPassword());
        pool.setMaximumPoolSize(5);
        return pool;
    }
}
