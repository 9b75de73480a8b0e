package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ServersIT;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Flyway migrations, the register and the outbox on a fresh PostgreSQL database. */
class PostgresRegisterIT extends ServersIT {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;

    @Test
    void migrationsRanOnPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(c.getCatalog()).startsWith("fillwatch_it_");
        }
        assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class).list()).containsExactlyElementsOf(shippedMigrationVersions());
    }

    /** Every migration file shipped in the jar, in version order: all of them must have run. */
    private static java.util.List<String> shippedMigrationVersions() throws java.io.IOException {
        var resources = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath:db/migration/V*__*.sql");
        java.util.List<String> versions = java.util.Arrays.stream(resources)
                .map(r -> r.getFilename().substring(1, r.getFilename().indexOf("__")))
                .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                .toList();
        assertThat(versions).as("migration files found").contains("1", "4");
        return versions;
    }

    @Test
    void uniqueConstraintAllowsOneOpenIncidentPerContainer() {
        insert("2099-900001", "OPEN", "pg-p1/c1");
        assertThatThrownBy(() -> insert("2099-900002", "OPEN", "pg-p1/c1"))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("incident_one_open_per_container");
        // closed incidents of the same container do not collide
        insert("2099-900003", "RESOLVED", null);
        insert("2099-900004", "RESOLVED", null);
        // an open incident without its key is refused as well
        assertThatThrownBy(() -> insert("2099-900005", "OPEN", null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void incidentLifecycleAndOutboxOnPostgres() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-pg", 1);
        Instant t0 = Instant.parse("2026-11-25T05:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 85, FillState.FULL));
        }
        Incident open = register.list(IncidentStatus.OPEN, "carrier-pg", 5).get(0);
        assertThat(open.registrationNumber()).matches("2026-\\d{6}");
        for (int i = 3; i < 6; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 5, FillState.EMPTY));
        }
        assertThat(register.find(open.registrationNumber()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);

        // both alerts went out through Mosquitto, so their publications are completed in the registry
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long incomplete;
        do {
            Thread.sleep(100);
            incomplete = jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL "
                    + "AND serialized_event LIKE ?").param("%" + open.registrationNumber() + "%").query(Long.class).single();
        } while (incomplete > 0 && System.nanoTime() < deadline);
        assertThat(incomplete).isZero();
        // opened and closed, for the MQTT listener (the webhook listener has publications of its own)
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ? "
                        + "AND listener_id LIKE '%CarrierAlerts%'")
                .param("%" + open.registrationNumber() + "%").query(Long.class).single()).isEqualTo(2);
    }

    private void insert(String number, String status, String openKey) {
        jdbc.sql("INSERT INTO incident (registration_number, type, status, pavilion_id, container_id, carrier_id, "
                        + "fill_pct, opened_at, open_key) VALUES (?, 'FULL', ?, 'pg-p1', 'c1', 'carrier-a', 90, ?, ?)")
                .params(number, status, OffsetDateTime.now(ZoneOffset.UTC), openKey).update();
    }
}
