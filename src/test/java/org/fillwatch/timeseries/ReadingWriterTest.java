package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;

class ReadingWriterTest {

    @Test
    void slowStoreKeepsTheQueueBoundedPushesBackAndCountsWhatItDrops() throws Exception {
        AtomicInteger stored = new AtomicInteger();
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        try (ReadingWriter writer = new ReadingWriter("slow store", batch -> {
            batchSizes.add(batch.size());
            stored.addAndGet(batch.size());
            sleep(50);
        }, 100, 40, Duration.ofMillis(20))) {
            int maxQueued = 0;
            long blockedNanos = 0;
            for (int frame = 0; frame < 300; frame++) {
                long t0 = System.nanoTime();
                writer.offer(readings(frame, 3));
                blockedNanos += System.nanoTime() - t0;
                maxQueued = Math.max(maxQueued, writer.queued());
            }
            System.out.printf("900 readings: stored %d in %d batches, dropped %d, max queued %d, producer waited %d ms%n",
                    stored.get(), batchSizes.size(), writer.dropped(), maxQueued, blockedNanos / 1_000_000);
            assertThat(maxQueued).isLessThanOrEqualTo(100);
            assertThat(writer.dropped()).as("a store that cannot keep up loses readings, counted").isPositive();
            assertThat(blockedNanos / 1_000_000).as("the producer was held back").isGreaterThan(100);
            assertThat(batchSizes).as("readings that gathered go out together").anySatisfy(n -> assertThat(n).isGreaterThan(3))
                    .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(40));
            writer.flush(Duration.ofSeconds(10));
            assertThat(stored.get() + writer.dropped()).as("every reading stored or counted").isEqualTo(900);
        }
    }

    @Test
    void storeThatKeepsUpGetsEveryReadingAndFlushWaitsForThem() {
        List<FillReading> stored = Collections.synchronizedList(new ArrayList<>());
        try (ReadingWriter writer = new ReadingWriter("fast store", stored::addAll, 1000, 500, Duration.ofSeconds(2))) {
            for (int frame = 0; frame < 200; frame++) {
                writer.offer(readings(frame, 3));
            }
            writer.flush(Duration.ofSeconds(10));
            assertThat(stored).hasSize(600);
            assertThat(writer.dropped()).isZero();
            assertThat(writer.written()).isEqualTo(600);
        }
    }

    /**
     * At shutdown the camera workers are interrupted while they finish their frames; a timed offer
     * throws on the interrupt although the queue has room, and the capacity benchmark's service log
     * ended with "3 reading(s) dropped" that way.
     */
    @Test
    void workerInterruptedAtShutdownStillHandsOverItsReadingsWhenThereIsRoom() {
        List<FillReading> stored = Collections.synchronizedList(new ArrayList<>());
        try (ReadingWriter writer = new ReadingWriter("store", stored::addAll, 100, 50, Duration.ofSeconds(2))) {
            Thread.currentThread().interrupt();
            try {
                writer.offer(readings(1, 3));
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept for the worker's own loop").isTrue();
            }
            writer.flush(Duration.ofSeconds(10));
            assertThat(writer.dropped()).isZero();
            assertThat(stored).hasSize(3);
        }
    }

    @Test
    void workerInterruptedWhileWaitingForRoomDropsAndCountsTheRest() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (ReadingWriter writer = new ReadingWriter("stuck store", batch -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 2, 1, Duration.ofSeconds(30))) {
            writer.offer(readings(0, 1)); // taken by the writer, which then waits in the store
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (writer.queued() > 0 && System.nanoTime() < end) {
                sleep(1);
            }
            writer.offer(readings(1, 2)); // fills the queue
            Thread worker = new Thread(() -> writer.offer(readings(2, 3)));
            worker.start();
            end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (worker.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < end) {
                sleep(1);
            }
            worker.interrupt();
            worker.join(5000);
            assertThat(worker.isAlive()).isFalse();
            assertThat(writer.dropped()).as("the three readings that found no room").isEqualTo(3);
            release.countDown();
        }
    }

    private static List<FillReading> readings(int frame, int containers) {
        List<FillReading> readings = new ArrayList<>();
        for (int c = 0; c < containers; c++) {
            readings.add(new FillReading(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(frame), "p" + frame,
                    "c" + c, "Centre", "carrier-a", 50, FillState.PARTIAL, 0.9, "test"));
        }
        return readings;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An interrupt in the middle of a write closes an H2 file database's channel: closing must not send one. */
    @Test
    void closingDoesNotInterruptAWriteInProgress() throws Exception {
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        List<FillReading> stored = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ReadingWriter writer = new ReadingWriter("store", batch -> {
            writing.countDown();
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                }
            }
            stored.addAll(batch);
        }, 100, 10, Duration.ofSeconds(2));
        writer.offer(readings(1, 1));
        assertThat(writing.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        writer.offer(readings(2, 1));
        writer.close();
        assertThat(interrupted.get()).as("write interrupted").isFalse();
        assertThat(stored).hasSize(2);
    }
}
