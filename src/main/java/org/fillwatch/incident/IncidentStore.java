package org.fillwatch.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident table. Every write expects to run inside the caller's transaction. */
@Repository
class IncidentStore implements IncidentRegister {

    private static final String COLUMNS = "id, registration_number, type, status, pavilion_id, container_id, "
            + "carrier_id, district, fill_pct, opened_at, closed_at, close_reason";

    private final JdbcClient jdbc;

    IncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String openKey(String pavilionId, String containerId) {
        return pavilionId + "/" + containerId;
    }

    @Override
    public List<Incident> list(IncidentStatus status, String carrierId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incident WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (carrierId != null && !carrierId.isBlank()) {
            sql.append(" AND carrier_id = ?");
            params.add(carrierId);
        }
        sql.append(" ORDER BY opened_at DESC, id DESC LIMIT ?");
        params.add(Math.max(0, limit));
        return jdbc.sql(sql.toString()).params(params).query(IncidentStore::map).list();
    }

    @Override
    public Optional<Incident> find(String registrationNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE registration_number = ?")
                .param(registrationNumber).query(IncidentStore::map).optional();
    }

    Optional<Incident> findOpen(String pavilionId, String containerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE open_key = ?")
                .param(openKey(pavilionId, containerId)).query(IncidentStore::map).optional();
    }

    /** Inserts an open incident; the unique open_key refuses a second one for the same container. */
    Incident insertOpen(IncidentType type, String pavilionId, String containerId, String carrierId, String district,
                        double fillPercent, Instant openedAt) {
        String number = nextRegistrationNumber(openedAt);
        jdbc.sql("INSERT INTO incident (registration_number, type, status, pavilion_id, container_id, carrier_id, "
                        + "district, fill_pct, opened_at, open_key) VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?)")
                .params(number, type.name(), pavilionId, containerId, carrierId, district, fillPercent,
                        utc(openedAt), openKey(pavilionId, containerId))
                .update();
        return find(number).orElseThrow();
    }

    void upgrade(long id, IncidentType type, double fillPercent) {
        jdbc.sql("UPDATE incident SET type = ?, fill_pct = GREATEST(fill_pct, ?) WHERE id = ? AND status = 'OPEN'")
                .params(type.name(), fillPercent, id).update();
    }

    /** Keeps the highest fill seen while the incident is open. */
    void raiseFill(long id, double fillPercent) {
        jdbc.sql("UPDATE incident SET fill_pct = ? WHERE id = ? AND status = 'OPEN' AND fill_pct < ?")
                .params(fillPercent, id, fillPercent).update();
    }

    Incident close(long id, Instant closedAt, String reason) {
        jdbc.sql("UPDATE incident SET status = 'RESOLVED', closed_at = ?, close_reason = ?, open_key = NULL "
                        + "WHERE id = ? AND status = 'OPEN'")
                .params(utc(closedAt), reason, id).update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE id = ?").param(id)
                .query(IncidentStore::map).single();
    }

    /**
     * Year plus a per-year sequence, e.g. 2026-000123. The UPDATE locks the year's counter row until
     * commit, so concurrent openings get distinct numbers.
     */
    private String nextRegistrationNumber(Instant openedAt) {
        int year = openedAt.atOffset(ZoneOffset.UTC).getYear();
        if (bumpCounter(year) == 0) {
            jdbc.sql("INSERT INTO incident_number (counter_year, last_number) VALUES (?, 0) ON CONFLICT DO NOTHING")
                    .param(year).update();
            bumpCounter(year);
        }
        long number = jdbc.sql("SELECT last_number FROM incident_number WHERE counter_year = ?")
                .param(year).query(Long.class).single();
        return String.format("%d-%06d", year, number);
    }

    private int bumpCounter(int year) {
        return jdbc.sql("UPDATE incident_number SET last_number = last_number + 1 WHERE counter_year = ?")
                .param(year).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(rs.getLong("id"), rs.getString("registration_number"),
                IncidentType.valueOf(rs.getString("type")), IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("pavilion_id"), rs.getString("container_id"), rs.getString("carrier_id"),
                rs.getString("district"), rs.getDouble("fill_pct"), instant(rs, "opened_at"),
                instant(rs, "closed_at"), rs.getString("close_reason"));
    }
}
