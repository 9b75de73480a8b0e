package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/** The register on H2 (the default database): numbering and the one-open-incident constraint. */
@EmbeddedServiceTest
class IncidentStoreTest {

    private static final Instant DEADLINE = Instant.parse("2026-03-01T14:00:00Z");

    @Autowired IncidentStore store;
    @Autowired TransactionTemplate tx;

    @Test
    void databaseRefusesASecondOpenIncidentForTheSameContainer() {
        String pavilion = "p-" + UUID.randomUUID();
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        Incident first = tx.execute(s -> store.insertOpen(IncidentType.FULL, pavilion, "c1", "carrier-a", "Centre", 85, now, DEADLINE, "test", null));

        assertThatThrownBy(() -> tx.execute(s ->
                store.insertOpen(IncidentType.OVERFLOW, pavilion, "c1", "carrier-a", "Centre", 100, now, DEADLINE, "test", null)))
                .isInstanceOf(DataIntegrityViolationException.class);

        // another container of the same pavilion may have its own
        tx.execute(s -> store.insertOpen(IncidentType.FULL, pavilion, "c2", "carrier-a", "Centre", 85, now, DEADLINE, "test", null));
        // once closed, the container may open a new one
        tx.execute(s -> store.close(first.id(), now.plusSeconds(60), "emptied", "test"));
        Incident again = tx.execute(s -> store.insertOpen(IncidentType.FULL, pavilion, "c1", "carrier-a", "Centre", 90, now, DEADLINE, "test", null));
        assertThat(store.findOpen(pavilion, "c1")).contains(again);
        assertThat(store.find(first.registrationNumber()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void registrationNumbersCountUpPerYear() {
        String pavilion = "p-" + UUID.randomUUID();
        Incident a = tx.execute(s -> store.insertOpen(IncidentType.FULL, pavilion, "c1", "x", "d", 85,
                Instant.parse("2031-12-31T23:00:00Z"), Instant.parse("2031-12-31T23:00:00Z").plusSeconds(3600), "test", null));
        Incident b = tx.execute(s -> store.insertOpen(IncidentType.FULL, pavilion, "c2", "x", "d", 85,
                Instant.parse("2031-12-31T23:30:00Z"), Instant.parse("2031-12-31T23:30:00Z").plusSeconds(3600), "test", null));
        Incident c = tx.execute(s -> store.insertOpen(IncidentType.FULL, pavilion, "c3", "x", "d", 85,
                Instant.parse("2032-01-01T00:30:00Z"), Instant.parse("2032-01-01T00:30:00Z").plusSeconds(3600), "test", null));
        assertThat(a.registrationNumber()).isEqualTo("2031-000001");
        assertThat(b.registrationNumber()).isEqualTo("2031-000002");
        assertThat(c.registrationNumber()).isEqualTo("2032-000001");
    }

    /**
     * Many incidents open at once after a start: an opening whose transaction has not committed yet
     * must not hold the year's counter (the others timed out on its lock and the camera workers that
     * ran them fell behind). Its number stays taken even when it rolls back: a gap, not a duplicate.
     */
    @Test
    void anOpeningStillInItsTransactionDoesNotHoldTheCounter() throws Exception {
        String pavilion = "p-" + UUID.randomUUID();
        Instant at = Instant.parse("2033-06-01T10:00:00Z");
        java.util.concurrent.CountDownLatch firstInserted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> first = new java.util.concurrent.atomic.AtomicReference<>();
        Thread slow = new Thread(() -> tx.executeWithoutResult(s -> {
            first.set(store.insertOpen(IncidentType.FULL, pavilion, "c1", "x", "d", 85, at, DEADLINE, "test", null)
                    .registrationNumber());
            firstInserted.countDown();
            try {
                secondDone.await(30, java.util.concurrent.TimeUnit.SECONDS); // still uncommitted meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.setRollbackOnly();
        }));
        slow.start();
        assertThat(firstInserted.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        Incident second = tx.execute(s -> store.insertOpen(IncidentType.FULL, pavilion, "c2", "x", "d", 85, at,
                DEADLINE, "test", null));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        secondDone.countDown();
        slow.join(30_000);
        assertThat(first.get()).isEqualTo("2033-000001");
        assertThat(second.registrationNumber()).as("numbered while the first opening was still open (waited %d ms)",
                waitedMs).isEqualTo("2033-000002");
        assertThat(store.find(first.get())).as("rolled back: its number is a gap").isEmpty();
    }
}
