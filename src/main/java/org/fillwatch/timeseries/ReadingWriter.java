package org.fillwatch.timeseries;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.fillwatch.reading.FillReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded stage between the readings and the store: readings wait in a queue of fixed capacity
 * and one writer thread stores whatever has gathered, up to {@code batch} readings per write (one
 * round trip, one transaction), so the store's cost per reading falls as the rate rises. A full
 * queue makes the publishing thread (a camera worker) wait up to {@code offerTimeout}: the pipeline
 * slows down, the camera sampler sees its lag and stretches the intervals. Readings that still find
 * no room are dropped, counted and logged (at most once a minute) rather than held without bound.
 */
final class ReadingWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadingWriter.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String store;
    private final Consumer<List<FillReading>> write;
    private final BlockingQueue<FillReading> queue;
    private final int batch;
    private final long offerTimeoutNanos;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    /** Readings queued and not yet handed to the store: flush waits for none. */
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closed;
    private volatile long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;

    /** @param write stores one batch; a failure is logged by the caller and the batch is not retried */
    ReadingWriter(String store, Consumer<List<FillReading>> write, int capacity, int batch, Duration offerTimeout) {
        if (capacity < 1 || batch < 1) {
            throw new IllegalArgumentException("fillwatch.timeseries.queue-capacity and batch must be at least 1");
        }
        this.store = store;
        this.write = write;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batch = batch;
        this.offerTimeoutNanos = offerTimeout.toNanos();
        this.writer = new Thread(this::run, "timeseries-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues the readings, waiting up to the offer timeout in all for room. A reading that finds room
     * is queued without waiting, so a camera worker interrupted at shutdown still hands over what its
     * frame measured (a timed offer throws on the interrupt even when the queue has room).
     */
    void offer(List<FillReading> readings) {
        long deadline = System.nanoTime() + offerTimeoutNanos;
        for (int i = 0; i < readings.size(); i++) {
            FillReading reading = readings.get(i);
            pending.incrementAndGet();
            if (queue.offer(reading)) {
                continue;
            }
            try {
                if (!queue.offer(reading, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pending.decrementAndGet();
                    drop(readings.size() - i, "queue of " + (queue.remainingCapacity() + queue.size()) + " full for "
                            + TimeUnit.NANOSECONDS.toMillis(offerTimeoutNanos) + " ms");
                    return;
                }
            } catch (InterruptedException e) {
                pending.decrementAndGet();
                Thread.currentThread().interrupt();
                drop(readings.size() - i, "queue full and the worker interrupted while waiting for room");
                return;
            }
        }
    }

    private void drop(int count, String why) {
        long total = dropped.addAndGet(count);
        long now = System.nanoTime();
        if (now - lastWarn >= WARN_EVERY_NANOS) {
            lastWarn = now;
            log.warn("{} store cannot keep up: {}, {} reading(s) dropped so far", store, why, total);
        }
    }

    private void run() {
        List<FillReading> next = new ArrayList<>(batch);
        while (!closed || !queue.isEmpty()) {
            try {
                FillReading first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                next.add(first);
                queue.drainTo(next, batch - 1);
                write.accept(next);
                written.addAndGet(next.size());
                batches.incrementAndGet();
            } catch (InterruptedException e) {
                if (closed) {
                    continue; // drain what is left before ending
                }
            } catch (RuntimeException e) {
                log.warn("{} readings not stored in {}: {}", next.size(), store, e.toString());
            } finally {
                pending.addAndGet(-next.size());
                next.clear();
            }
        }
    }

    /** Waits (at most {@code timeout}) until every reading queued so far has been handed to the store. */
    void flush(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    int queued() {
        return queue.size();
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    long batches() {
        return batches.get();
    }

    /** Stores what is queued (bounded by the queue's capacity), then stops the writer. */
    @Override
    public void close() {
        // no interrupt: the writer sees the flag within its 200 ms poll, and an interrupt in the middle
        // of a write closes an H2 file database's channel under every other connection
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
