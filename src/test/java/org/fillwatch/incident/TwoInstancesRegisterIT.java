package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.testing.ServersIT;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two service instances on one PostgreSQL database: each has its own rules, streaks and deadline
 * check (the objects below, as in two processes), the database is shared. The register stays right
 * by its constraints and guarded updates, not by timing: a second open incident for a container is
 * refused by the unique open_key and handled as "already open"; an escalation or an ack is recorded
 * once however many instances try.
 */
class TwoInstancesRegisterIT extends ServersIT {

    @Autowired IncidentStore store;
    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transactions;
    @Autowired DeadlinePolicy deadlines;
    @Autowired IncidentProperties properties;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    private IncidentKeeper instance() {
        return new IncidentKeeper(store, pavilions, events, transactions, deadlines, properties);
    }

    /** The other instance's insert is still uncommitted when this one looks: only the constraint can catch it. */
    @Test
    void secondOpeningIsRefusedByTheConstraintAndHandled() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-two-a", 1);
        IncidentKeeper keeper = instance();
        Instant t0 = Instant.parse("2026-11-25T06:00:00Z");
        keeper.on(readings(pavilion, t0, 0));
        keeper.on(readings(pavilion, t0, 1));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO incident (registration_number, type, "
                    + "status, pavilion_id, container_id, carrier_id, fill_pct, opened_at, open_key) "
                    + "VALUES ('2099-000777', 'FULL', 'OPEN', ?, 'c1', 'carrier-two-a', 95, ?, ?)")) {
                insert.setString(1, pavilion.id());
                insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                insert.setString(3, pavilion.id() + "/c1");
                insert.executeUpdate();
            }
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                // finds no committed open incident, inserts, and waits on the other's uncommitted key
                Future<?> third = thread.submit(() -> keeper.on(readings(pavilion, t0, 2)));
                Thread.sleep(1000);
                assertThat(third).as("blocked on the other instance's open_key").isNotDone();
                other.commit();
                third.get(30, TimeUnit.SECONDS); // no exception escapes the keeper
            } finally {
                thread.shutdownNow();
            }
        }
        assertThat(incidents(pavilion)).containsExactly("2099-000777");
        assertThat(openedPublications(pavilion)).as("no alert for the refused opening").isZero();
    }

    /** Both instances see the same container fill up at the same moment: one incident, one alert. */
    @Test
    void racingInstancesOpenOneIncidentPerContainer() throws Exception {
        List<Pavilion> sites = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sites.add(pavilions.create("carrier-two-b", 1));
        }
        IncidentKeeper a = instance();
        IncidentKeeper b = instance();
        Instant t0 = Instant.parse("2026-11-25T07:00:00Z");
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (IncidentKeeper keeper : List.of(a, b)) {
                runs.add(threads.submit(() -> {
                    for (int k = 0; k < 3; k++) {
                        for (Pavilion site : sites) {
                            if (k == 2) {
                                together.await(10, TimeUnit.SECONDS);
                            }
                            keeper.on(readings(site, t0, k));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (Pavilion site : sites) {
            assertThat(incidents(site)).as("incidents of " + site.id()).hasSize(1);
            assertThat(openedPublications(site)).as("opened alerts of " + site.id()).isEqualTo(1);
        }
        List<String> numbers = jdbc.sql("SELECT registration_number FROM incident WHERE carrier_id = 'carrier-two-b'")
                .query(String.class).list();
        assertThat(numbers).doesNotHaveDuplicates().hasSize(sites.size());
    }

    @Test
    void deadlineCheckOfTwoInstancesEscalatesOnce() throws Exception {
        Pavilion pavilion = pavilions.create("carrier-two-c", 1);
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        IncidentKeeper keeper = instance();
        for (int k = 0; k < 3; k++) {
            keeper.on(readings(pavilion, t0, k));
        }
        Instant late = t0.plus(java.time.Duration.ofDays(2));
        DeadlineCheck a = new DeadlineCheck(store, events, transactions, Clock.systemUTC());
        DeadlineCheck b = new DeadlineCheck(store, events, transactions, Clock.systemUTC());
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> fa = threads.submit(() -> {
                together.await();
                return a.escalateDue(late);
            });
            Future<Integer> fb = threads.submit(() -> {
                together.await();
                return b.escalateDue(late);
            });
            // other tests' incidents of this database are due as well: count this one's steps below
            assertThat(fa.get(30, TimeUnit.SECONDS) + fb.get(30, TimeUnit.SECONDS)).isPositive();
        } finally {
            threads.shutdownNow();
        }
        String number = incidents(pavilion).get(0);
        assertThat(store.history(number)).filteredOn(h -> h.action().equals("ESCALATED")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE event_type LIKE '%IncidentEscalated' "
                        + "AND listener_id LIKE '%CarrierAlerts%' AND serialized_event LIKE ?")
                .param("%" + number + "%").query(Long.class).single()).as("escalated alerts").isEqualTo(1);

        // the carrier's ack reaches both instances (both subscribe): recorded once
        IncidentDeskService deskA = new IncidentDeskService(store, events, transactions, Clock.systemUTC());
        IncidentDeskService deskB = new IncidentDeskService(store, events, transactions, Clock.systemUTC());
        deskA.acknowledge(number, "carrier-two-c", "crew 1");
        deskB.acknowledge(number, "carrier-two-c", "crew 1");
        assertThat(store.history(number)).filteredOn(h -> h.action().equals("ACKNOWLEDGED")).hasSize(1);
    }

    private static ReadingsRecorded readings(Pavilion pavilion, Instant t0, int k) {
        return new ReadingsRecorded(List.of(new FillReading(t0.plusSeconds(60L * k), pavilion.id(), "c1", "Centre",
                pavilion.carrierId(), 95, FillState.FULL, 0.9, "test")));
    }

    private List<String> incidents(Pavilion pavilion) {
        return jdbc.sql("SELECT registration_number FROM incident WHERE pavilion_id = ? ORDER BY id")
                .param(pavilion.id()).query(String.class).list();
    }

    private long openedPublications(Pavilion pavilion) {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE event_type LIKE '%IncidentOpened' "
                        + "AND listener_id LIKE '%CarrierAlerts%' AND serialized_event LIKE ?")
                .param("%" + pavilion.id() + "%").query(Long.class).single();
    }
}
