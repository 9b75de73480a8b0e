package org.fillwatch.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The trend queries over table incident; percentiles are computed here, the database only filters and counts. */
class IncidentTrendsStore implements IncidentTrends {

    /** Most urgent first among pickups: an overflow before a full container before a missing one before a forecast. */
    private static final List<IncidentType> SEVERITY = List.of(IncidentType.OVERFLOW, IncidentType.FULL,
            IncidentType.CONTAINER_MISSING, IncidentType.FORECAST_FULL);

    static final Comparator<Incident> MOST_URGENT_FIRST = Comparator
            .comparing((Incident i) -> !i.status().isOpen())
            .thenComparing(Incident::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(i -> SEVERITY.indexOf(i.type()))
            .thenComparing(Incident::openedAt);

    private final JdbcClient jdbc;
    private final IncidentStore store;
    private final Clock clock;

    IncidentTrendsStore(JdbcClient jdbc, IncidentStore store, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<CarrierTypeCount> byCarrierAndType(Instant from, Instant to) {
        return countsPerCarrierAndType("opened_at", from, to);
    }

    /** Incidents whose {@code timeColumn} lies in the period, counted per carrier and type. */
    private List<CarrierTypeCount> countsPerCarrierAndType(String timeColumn, Instant from, Instant to) {
        return jdbc.sql("SELECT carrier_id, type, COUNT(*) AS n, "
                        + "SUM(CASE WHEN status = 'RESOLVED' THEN 1 ELSE 0 END) AS resolved, "
                        + "SUM(CASE WHEN escalated_at IS NOT NULL THEN 1 ELSE 0 END) AS escalated "
                        + "FROM incident WHERE " + timeColumn + " >= ? AND " + timeColumn + " < ? "
                        + "GROUP BY carrier_id, type ORDER BY carrier_id, type")
                .params(utc(from), utc(to))
                .query((rs, row) -> new CarrierTypeCount(rs.getString("carrier_id"),
                        IncidentType.valueOf(rs.getString("type")), rs.getLong("n"), rs.getLong("resolved"),
                        rs.getLong("escalated")))
                .list();
    }

    @Override
    public List<PickupTimes> timeToPickup(Instant from, Instant to) {
        Map<String, List<Long>> byCarrier = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        jdbc.sql("SELECT carrier_id, time_to_pickup_s FROM incident WHERE close_reason = ? "
                        + "AND time_to_pickup_s IS NOT NULL AND closed_at >= ? AND closed_at < ?")
                .params(IncidentKeeper.EMPTIED, utc(from), utc(to))
                .query(rs -> {
                    long seconds = rs.getLong("time_to_pickup_s");
                    all.add(seconds);
                    byCarrier.computeIfAbsent(rs.getString("carrier_id"), c -> new ArrayList<>()).add(seconds);
                });
        List<PickupTimes> result = new ArrayList<>();
        result.add(pickupTimes(null, all));
        byCarrier.forEach((carrier, seconds) -> result.add(pickupTimes(carrier, seconds)));
        return result;
    }

    private static PickupTimes pickupTimes(String carrier, List<Long> seconds) {
        List<Long> sorted = seconds.stream().sorted().toList();
        return new PickupTimes(carrier, sorted.size(), quantile(sorted, 0.5), quantile(sorted, 0.9));
    }

    /** Linear interpolation between closest ranks (as PostgreSQL's percentile_cont); null when empty. */
    static Double quantile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        double position = q * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.size() - 1, below + 1);
        return sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
    }

    @Override
    public List<DeadlineShare> deadlineShare(Instant from, Instant to) {
        List<DeadlineShare> carriers = jdbc.sql("SELECT carrier_id, "
                        + "SUM(CASE WHEN closed_at IS NOT NULL OR deadline <= ? THEN 1 ELSE 0 END) AS decided, "
                        + "SUM(CASE WHEN closed_at IS NOT NULL AND closed_at <= deadline THEN 1 ELSE 0 END) AS met "
                        + "FROM incident WHERE opened_at >= ? AND opened_at < ? AND deadline IS NOT NULL "
                        + "GROUP BY carrier_id ORDER BY carrier_id")
                .params(utc(clock.instant()), utc(from), utc(to))
                .query((rs, row) -> share(rs.getString("carrier_id"), rs.getLong("decided"), rs.getLong("met")))
                .list();
        List<DeadlineShare> result = new ArrayList<>();
        result.add(share(null, carriers.stream().mapToLong(DeadlineShare::decided).sum(),
                carriers.stream().mapToLong(DeadlineShare::metDeadline).sum()));
        result.addAll(carriers);
        return result;
    }

    private static DeadlineShare share(String carrier, long decided, long met) {
        return new DeadlineShare(carrier, decided, met, decided == 0 ? null : (double) met / decided);
    }

    @Override
    public List<CarrierTypeCount> escalations(Instant from, Instant to) {
        return countsPerCarrierAndType("escalated_at", from, to);
    }

    @Override
    public List<Incident> pickups(String carrierId, Instant from, Instant to) {
        return store.openDuring(carrierId, SEVERITY, from, to).stream().sorted(MOST_URGENT_FIRST).toList();
    }

    @Override
    public List<TypeStatusCount> countsByTypeAndStatus() {
        return jdbc.sql("SELECT type, status, COUNT(*) AS n FROM incident GROUP BY type, status")
                .query((rs, row) -> new TypeStatusCount(IncidentType.valueOf(rs.getString("type")),
                        IncidentStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
