package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.fillwatch.incident.IncidentTrends.CarrierTypeCount;
import org.fillwatch.incident.IncidentTrends.DeadlineShare;
import org.fillwatch.incident.IncidentTrends.PickupTimes;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The register's trends over a week of hand-made incidents whose figures are worked out in the
 * comments: times to pickup 1800, 3600, 7200, 10800 s; deadlines met 4 of 6; two escalations.
 */
abstract class IncidentTrendsContract {

    static final Instant FROM = Instant.parse("2041-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2041-03-08T00:00:00Z");
    static final Instant NOW = Instant.parse("2041-03-07T22:00:00Z");

    private IncidentStore store;
    private IncidentTrendsStore trends;

    /** Subclasses call this with a freshly migrated, empty database. */
    void use(DataSource database) {
        JdbcClient jdbc = JdbcClient.create(database);
        store = new IncidentStore(jdbc, new org.springframework.jdbc.support.JdbcTransactionManager(database));
        trends = new IncidentTrendsStore(jdbc, store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Incident open(IncidentType type, String carrier, String container, String openedAt, Duration deadline) {
        Instant at = Instant.parse(openedAt);
        return store.insertOpen(type, "p-" + carrier, container, carrier, "Centre", 90, at, at.plus(deadline), "test", null);
    }

    private void close(Incident incident, String at, String reason) {
        store.close(incident.id(), Instant.parse(at), reason, "test");
    }

    private void week() {
        // carrier-a
        close(open(IncidentType.FULL, "carrier-a", "c1", "2041-03-01T08:00:00Z", Duration.ofHours(4)),
                "2041-03-01T09:00:00Z", "emptied");                                       // 3600 s, met
        Incident a2 = open(IncidentType.OVERFLOW, "carrier-a", "c2", "2041-03-02T08:00:00Z", Duration.ofHours(2));
        store.escalate(a2, Instant.parse("2041-03-02T10:00:00Z"));
        close(a2, "2041-03-02T11:00:00Z", "emptied");                                     // 10800 s, missed
        close(open(IncidentType.FULL, "carrier-a", "c3", "2041-03-03T08:00:00Z", Duration.ofHours(4)),
                "2041-03-03T09:00:00Z", "closed by operator: picked up by hand");         // met, no pickup time
        open(IncidentType.FORECAST_FULL, "carrier-a", "c4", "2041-03-07T20:00:00Z", Duration.ofHours(12)); // undecided
        close(open(IncidentType.CAMERA_OFFLINE, "carrier-a", Incident.CAMERA, "2041-03-04T08:00:00Z", Duration.ofHours(4)),
                "2041-03-04T09:00:00Z", "camera back online");                            // met, no pickup time
        // carrier-b
        close(open(IncidentType.FULL, "carrier-b", "c1", "2041-03-01T10:00:00Z", Duration.ofHours(4)),
                "2041-03-01T10:30:00Z", "emptied");                                       // 1800 s, met
        Incident b2 = open(IncidentType.FULL, "carrier-b", "c2", "2041-03-05T00:00:00Z", Duration.ofHours(4));
        store.escalate(b2, Instant.parse("2041-03-05T04:01:00Z"));                        // still open: missed
        // opened before the period, emptied in it: a pickup time of the period, not an incident of it
        close(open(IncidentType.FULL, "carrier-b", "c3", "2041-02-28T23:00:00Z", Duration.ofHours(4)),
                "2041-03-01T01:00:00Z", "emptied");                                       // 7200 s
    }

    @Test
    void incidentsPerCarrierAndType() {
        week();
        assertThat(trends.byCarrierAndType(FROM, TO)).containsExactly(
                new CarrierTypeCount("carrier-a", IncidentType.CAMERA_OFFLINE, 1, 1, 0),
                new CarrierTypeCount("carrier-a", IncidentType.FORECAST_FULL, 1, 0, 0),
                new CarrierTypeCount("carrier-a", IncidentType.FULL, 2, 2, 0),
                new CarrierTypeCount("carrier-a", IncidentType.OVERFLOW, 1, 1, 1),
                new CarrierTypeCount("carrier-b", IncidentType.FULL, 2, 1, 1));
    }

    @Test
    void medianAndNinetiethPercentileOfTimeToPickup() {
        week();
        List<PickupTimes> times = trends.timeToPickup(FROM, TO);
        assertThat(times).extracting(PickupTimes::carrier).containsExactly(null, "carrier-a", "carrier-b");
        // all: 1800, 3600, 7200, 10800 -> median 5400; p90 at rank 2.7: 7200 + 0.7 * 3600
        assertThat(times.get(0).pickups()).isEqualTo(4);
        assertThat(times.get(0).medianSeconds()).isEqualTo(5400.0);
        assertThat(times.get(0).p90Seconds()).isCloseTo(9720.0, within(1e-9));
        // carrier-a: 3600, 10800; carrier-b: 1800, 7200
        assertThat(times.get(1).medianSeconds()).isEqualTo(7200.0);
        assertThat(times.get(1).p90Seconds()).isCloseTo(10080.0, within(1e-9));
        assertThat(times.get(2).medianSeconds()).isEqualTo(4500.0);
        assertThat(times.get(2).p90Seconds()).isCloseTo(6660.0, within(1e-9));
    }

    @Test
    void shareResolvedBeforeTheDeadlineCountsOnlyDecidedIncidents() {
        week();
        List<DeadlineShare> shares = trends.deadlineShare(FROM, TO);
        assertThat(shares).extracting(DeadlineShare::carrier).containsExactly(null, "carrier-a", "carrier-b");
        assertThat(shares.get(0)).extracting(DeadlineShare::decided, DeadlineShare::metDeadline).containsExactly(6L, 4L);
        assertThat(shares.get(0).share()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(shares.get(1).share()).isEqualTo(0.75);
        assertThat(shares.get(2).share()).isEqualTo(0.5);
        assertThat(trends.deadlineShare(TO, TO.plus(Duration.ofDays(1))).get(0).share()).isNull();
    }

    @Test
    void escalationsPerCarrierAndType() {
        week();
        assertThat(trends.escalations(FROM, TO)).containsExactly(
                new CarrierTypeCount("carrier-a", IncidentType.OVERFLOW, 1, 1, 1),
                new CarrierTypeCount("carrier-b", IncidentType.FULL, 1, 0, 1));
        assertThat(trends.escalations(Instant.parse("2041-03-03T00:00:00Z"), TO)).hasSize(1);
    }

    @Test
    void pickupListIsTheCarriersOwnFillIncidentsOpenThatDayMostUrgentFirst() {
        week();
        Instant day = Instant.parse("2041-03-06T00:00:00Z");
        Incident late = open(IncidentType.FULL, "carrier-c", "c1", "2041-03-06T08:00:00Z", Duration.ofHours(4));
        Incident overflow = open(IncidentType.OVERFLOW, "carrier-c", "c2", "2041-03-06T10:00:00Z", Duration.ofHours(2));
        Incident forecast = open(IncidentType.FORECAST_FULL, "carrier-c", "c3", "2041-03-05T22:00:00Z", Duration.ofHours(12));
        Incident done = open(IncidentType.FULL, "carrier-c", "c4", "2041-03-06T05:00:00Z", Duration.ofHours(4));
        close(done, "2041-03-06T06:00:00Z", "emptied");
        open(IncidentType.CAMERA_TAMPERED, "carrier-c", Incident.CAMERA, "2041-03-06T07:00:00Z", Duration.ofHours(4));
        open(IncidentType.FULL, "carrier-c", "c5", "2041-03-07T01:00:00Z", Duration.ofHours(4)); // the next day

        List<Incident> list = trends.pickups("carrier-c", day, day.plus(Duration.ofDays(1)));

        // same deadline 12:00: the overflow first; the resolved one last; no camera incident
        assertThat(list).extracting(Incident::registrationNumber).containsExactly(forecast.registrationNumber(),
                overflow.registrationNumber(), late.registrationNumber(), done.registrationNumber());
        assertThat(trends.pickups("carrier-a", day, day.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(trends.pickups("carrier-b", day, day.plus(Duration.ofDays(1))))
                .extracting(Incident::containerId).containsExactly("c2");
        assertThat(trends.pickups(null, day, day.plus(Duration.ofDays(1)))).hasSize(5);
    }
}
