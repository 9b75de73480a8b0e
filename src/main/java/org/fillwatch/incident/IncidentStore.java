package org.fillwatch.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident table and its history. Every write expects to run inside the caller's transaction
 * and appends a history row in it, so the history never misses a change that committed; only the
 * registration number is taken in a transaction of its own (see {@link #numbering}).
 */
@Repository
class IncidentStore implements IncidentRegister {

    private static final String COLUMNS = "id, registration_number, type, status, pavilion_id, container_id, "
            + "carrier_id, district, fill_pct, opened_at, closed_at, close_reason, deadline, acknowledged_at, "
            + "acknowledged_by, escalated_at, time_to_pickup_s";
    private static final String OPEN_STATES = "('OPEN', 'ACKNOWLEDGED', 'ESCALATED')";

    private final JdbcClient jdbc;
    /**
     * Takes a registration number in a transaction of its own, so the year's counter row is locked
     * for one statement instead of until the opening (and whatever runs in its transaction)
     * commits: while hundreds of incidents opened at once, other openings timed out on that lock
     * and the camera workers that ran them fell behind. A number whose incident then fails to
     * insert stays unused (a gap in the register).
     */
    private final TransactionTemplate numbering;

    IncidentStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.numbering = new TransactionTemplate(transactions);
        numbering.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Fill incidents share one slot per container; camera incidents one per camera and type. */
    static String openKey(IncidentType type, String pavilionId, String containerId) {
        return type.isFill() ? pavilionId + "/" + containerId : pavilionId + "#" + type.name();
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

    @Override
    public List<HistoryEntry> history(String registrationNumber) {
        return jdbc.sql("SELECT h.changed_at, h.actor, h.action, h.from_status, h.to_status, h.reason "
                        + "FROM incident_history h JOIN incident i ON i.id = h.incident_id "
                        + "WHERE i.registration_number = ? ORDER BY h.id")
                .param(registrationNumber)
                .query((rs, row) -> new HistoryEntry(instant(rs, "changed_at"), rs.getString("actor"),
                        rs.getString("action"), status(rs.getString("from_status")),
                        IncidentStatus.valueOf(rs.getString("to_status")), rs.getString("reason")))
                .list();
    }

    /** The open fill incident of a container. */
    Optional<Incident> findOpen(String pavilionId, String containerId) {
        return findOpenKey(openKey(IncidentType.FULL, pavilionId, containerId));
    }

    /** The open camera incident of the given type of a pavilion's camera. */
    Optional<Incident> findOpenCamera(IncidentType type, String pavilionId) {
        return findOpenKey(openKey(type, pavilionId, Incident.CAMERA));
    }

    private Optional<Incident> findOpenKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE open_key = ?")
                .param(key).query(IncidentStore::map).optional();
    }

    Incident byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE id = ?").param(id)
                .query(IncidentStore::map).single();
    }

    /** Incidents of the given types open at some moment of the period; carrierId null for all carriers. */
    List<Incident> openDuring(String carrierId, List<IncidentType> types, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incident WHERE opened_at < ? "
                + "AND (closed_at IS NULL OR closed_at >= ?) AND type IN (");
        List<Object> params = new ArrayList<>(List.of(utc(to), utc(from)));
        for (IncidentType type : types) {
            sql.append(params.size() == 2 ? "?" : ", ?");
            params.add(type.name());
        }
        sql.append(")");
        if (carrierId != null) {
            sql.append(" AND carrier_id = ?");
            params.add(carrierId);
        }
        return jdbc.sql(sql.toString()).params(params).query(IncidentStore::map).list();
    }

    /** Open incidents whose deadline is before the given time and that did not escalate yet. */
    List<Incident> dueForEscalation(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE status IN ('OPEN', 'ACKNOWLEDGED') "
                        + "AND deadline < ? ORDER BY deadline LIMIT ?")
                .params(utc(now), limit).query(IncidentStore::map).list();
    }

    /** Inserts an open incident; the unique open_key refuses a second one for the same slot. */
    Incident insertOpen(IncidentType type, String pavilionId, String containerId, String carrierId, String district,
                        double fillPercent, Instant openedAt, Instant deadline, String actor, String reason) {
        String number = nextRegistrationNumber(openedAt);
        jdbc.sql("INSERT INTO incident (registration_number, type, status, pavilion_id, container_id, carrier_id, "
                        + "district, fill_pct, opened_at, open_key, deadline) "
                        + "VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(number, type.name(), pavilionId, containerId, carrierId, district, fillPercent,
                        utc(openedAt), openKey(type, pavilionId, containerId), utc(deadline))
                .update();
        Incident incident = find(number).orElseThrow();
        record(incident.id(), openedAt, actor, "OPENED", null, IncidentStatus.OPEN, reason);
        return incident;
    }

    /** A new breach on an open incident: its type changes (e.g. FULL to OVERFLOW), the deadline may tighten. */
    Incident retype(long id, IncidentType type, double fillPercent, Instant deadline, Instant at, String reason) {
        Incident before = byId(id);
        jdbc.sql("UPDATE incident SET type = ?, fill_pct = GREATEST(fill_pct, ?), "
                        + "deadline = LEAST(COALESCE(deadline, ?), ?) WHERE id = ? AND status IN " + OPEN_STATES)
                .params(type.name(), fillPercent, utc(deadline), utc(deadline), id).update();
        record(id, at, "rules", "UPDATED", before.status(), before.status(), reason);
        return byId(id);
    }

    /** Keeps the highest fill seen while the incident is open. */
    void raiseFill(long id, double fillPercent) {
        jdbc.sql("UPDATE incident SET fill_pct = ? WHERE id = ? AND status IN " + OPEN_STATES + " AND fill_pct < ?")
                .params(fillPercent, id, fillPercent).update();
    }

    /**
     * Empty when another transaction acknowledged it first: every instance of a cluster receives the
     * carrier's ack, and the row lock plus the condition let exactly one of them record it.
     */
    Optional<Incident> acknowledge(Incident incident, Instant at, String by) {
        // an escalated incident stays ESCALATED, but the acknowledgement is recorded
        IncidentStatus next = incident.status() == IncidentStatus.OPEN ? IncidentStatus.ACKNOWLEDGED : incident.status();
        int changed = jdbc.sql("UPDATE incident SET status = ?, acknowledged_at = ?, acknowledged_by = ? "
                        + "WHERE id = ? AND acknowledged_at IS NULL AND status IN " + OPEN_STATES)
                .params(next.name(), utc(at), by, incident.id()).update();
        if (changed == 0) {
            return Optional.empty();
        }
        record(incident.id(), at, "carrier:" + incident.carrierId(), "ACKNOWLEDGED", incident.status(), next,
                by == null ? null : "by " + by);
        return Optional.of(byId(incident.id()));
    }

    /** Empty when it is no longer open or already escalated (every instance runs the deadline check). */
    Optional<Incident> escalate(Incident incident, Instant at) {
        int changed = jdbc.sql("UPDATE incident SET status = 'ESCALATED', escalated_at = ? WHERE id = ? AND status IN "
                        + "('OPEN', 'ACKNOWLEDGED')")
                .params(utc(at), incident.id()).update();
        if (changed == 0) {
            return Optional.empty();
        }
        record(incident.id(), at, "deadline-check", "ESCALATED", incident.status(), IncidentStatus.ESCALATED,
                "deadline " + incident.deadline() + " passed");
        return Optional.of(byId(incident.id()));
    }

    /** Resolves the incident and records the time to pickup (opening to this close). */
    Incident close(long id, Instant closedAt, String reason, String actor) {
        Incident before = byId(id);
        long seconds = Math.max(0, Duration.between(before.openedAt(), closedAt).toSeconds());
        jdbc.sql("UPDATE incident SET status = 'RESOLVED', closed_at = ?, close_reason = ?, open_key = NULL, "
                        + "time_to_pickup_s = ? WHERE id = ? AND status IN " + OPEN_STATES)
                .params(utc(closedAt), reason, seconds, id).update();
        record(id, closedAt, actor, "RESOLVED", before.status(), IncidentStatus.RESOLVED, reason);
        return byId(id);
    }

    private void record(long incidentId, Instant at, String actor, String action, IncidentStatus from,
                        IncidentStatus to, String reason) {
        jdbc.sql("INSERT INTO incident_history (incident_id, changed_at, actor, action, from_status, to_status, reason) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(incidentId, utc(at), actor, action, from == null ? null : from.name(), to.name(),
                        reason == null ? null : reason.substring(0, Math.min(1000, reason.length())))
                .update();
    }

    /**
     * Year plus a per-year sequence, e.g. 2026-000123. The UPDATE locks the year's counter row until
     * its transaction commits, so concurrent openings (of every instance) get distinct numbers.
     */
    private String nextRegistrationNumber(Instant openedAt) {
        return numbering.execute(status -> takeNumber(openedAt));
    }

    private String takeNumber(Instant openedAt) {
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

    private static IncidentStatus status(String value) {
        return value == null ? null : IncidentStatus.valueOf(value);
    }

    private static Incident map(ResultSet rs, int row) throws SQLException {
        long pickup = rs.getLong("time_to_pickup_s");
        Long timeToPickup = rs.wasNull() ? null : pickup;
        return new Incident(rs.getLong("id"), rs.getString("registration_number"),
                IncidentType.valueOf(rs.getString("type")), IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("pavilion_id"), rs.getString("container_id"), rs.getString("carrier_id"),
                rs.getString("district"), rs.getDouble("fill_pct"), instant(rs, "opened_at"),
                instant(rs, "closed_at"), rs.getString("close_reason"), instant(rs, "deadline"),
                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), instant(rs, "escalated_at"),
                timeToPickup);
    }
}
