package org.fillwatch.camera;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.Pavilion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pavilion's camera: the scheduler calls {@link #due} when a sample is due and schedules
 * the next one an interval later, stretched by the sampling load; the sample itself runs on a
 * worker, or for a JPEG snapshot camera first as a non-blocking HTTP request and then on a worker
 * for decoding and analysis. A sample still running when the next is due makes that one skipped,
 * never queued; one that finds the workers' queue or the in-flight limit full is shed and counted
 * as load.
 */
final class CameraSession {

    private static final Logger log = LoggerFactory.getLogger(CameraSession.class);

    /** Replaced when the pavilion's file is edited (polygons); the camera settings stay those of the start. */
    private volatile Pavilion pavilion;
    private final FrameSource source;
    private final CameraState state;
    private final Backoff backoff;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final Supplier<List<FrameHandler>> handlers;
    private final Clock clock;
    private final SamplingLoad load;
    private final Semaphore inFlight;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean stopped;
    /** Epoch millis before which no attempt is made, while backing off after failures. */
    private volatile long notBefore;
    /** Full size of the camera's last snapshot (0 before the first), for choosing the next one's decode size. */
    private volatile int fullWidth;
    private volatile int fullHeight;

    CameraSession(Pavilion pavilion, FrameSource source, CameraState state, Backoff backoff, Executor workers,
            ScheduledExecutorService scheduler, Supplier<List<FrameHandler>> handlers, Clock clock) {
        this(pavilion, source, state, backoff, workers, scheduler, handlers, clock,
                new SamplingLoad(Duration.ofSeconds(5), 1), new Semaphore(Integer.MAX_VALUE));
    }

    CameraSession(Pavilion pavilion, FrameSource source, CameraState state, Backoff backoff, Executor workers,
            ScheduledExecutorService scheduler, Supplier<List<FrameHandler>> handlers, Clock clock,
            SamplingLoad load, Semaphore inFlight) {
        this.pavilion = pavilion;
        this.source = source;
        this.state = state;
        this.backoff = backoff;
        this.workers = workers;
        this.scheduler = scheduler;
        this.handlers = handlers;
        this.clock = clock;
        this.load = load;
        this.inFlight = inFlight;
    }

    /**
     * Runs on the scheduler thread when the sample due at {@code dueVirtual} on the schedule's clock
     * (which runs slower while the node is overloaded) may be due: takes it and plans the next one
     * interval later on that clock. It wakes at least once per configured interval, so that samples
     * planned far ahead under a large stretch come back to the normal cadence as soon as the stretch
     * shrinks. A late scheduler does not drift the cadence.
     */
    void due(double dueVirtual) {
        if (stopped) {
            return;
        }
        long dueMillis = load.realTime(dueVirtual);
        if (clock.millis() < dueMillis) {
            plan(dueVirtual); // woken to look again: not yet due at the present stretch
            return;
        }
        tick(dueMillis);
        plan(dueVirtual + pavilion.camera().interval().toMillis());
    }

    private void plan(double dueVirtual) {
        long now = clock.millis();
        long wake = Math.min(load.realTime(dueVirtual), now + pavilion.camera().interval().toMillis());
        try {
            scheduler.schedule(() -> due(dueVirtual), Math.max(0, wake - now), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the sampler is stopping
        }
    }

    /** Dispatches only, never waits. */
    void tick() {
        tick(clock.millis());
    }

    private void tick(long dueMillis) {
        if (stopped || clock.millis() < notBefore) {
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            state.skipped();
            return;
        }
        if (source instanceof SnapshotSource snapshot) {
            request(snapshot, dueMillis);
            return;
        }
        try {
            workers.execute(() -> sample(dueMillis, (at, sink) -> source.sample(at, sink)));
        } catch (RejectedExecutionException e) {
            shed();
        }
    }

    /** The HTTP request runs without a thread; only its answer takes a worker. */
    private void request(SnapshotSource snapshot, long dueMillis) {
        if (!inFlight.tryAcquire()) {
            shed();
            return;
        }
        CompletableFuture<byte[]> answer;
        try {
            answer = snapshot.fetch();
        } catch (RuntimeException e) {
            inFlight.release();
            busy.set(false);
            failed(e);
            return;
        }
        answer.whenComplete((body, error) -> {
            inFlight.release();
            if (error != null) {
                try {
                    failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                } finally {
                    busy.set(false);
                }
                return;
            }
            try {
                workers.execute(() -> sample(dueMillis, (at, sink) -> decodeSnapshot(body, sink)));
            } catch (RejectedExecutionException e) {
                shed();
            }
        });
    }

    /**
     * Decodes as small as every handler allows for the size the camera sent last time; the first
     * snapshot is decoded whole, to learn that size.
     */
    private void decodeSnapshot(byte[] body, Consumer<Mat> sink) throws java.io.IOException {
        int r = fullWidth == 0 ? 1 : allowedReduction(fullWidth, fullHeight);
        SnapshotSource.decode(body, r, frame -> {
            fullWidth = frame.cols() * r;
            fullHeight = frame.rows() * r;
            sink.accept(frame);
        });
    }

    private int allowedReduction(int width, int height) {
        int allowed = 8;
        for (FrameHandler handler : handlers.get()) {
            try {
                allowed = Math.min(allowed, Integer.highestOneBit(Math.max(1, handler.reduction(pavilion, width, height))));
            } catch (RuntimeException e) {
                return 1; // a handler that cannot tell gets the whole frame; its onFrame reports the fault
            }
        }
        return allowed;
    }

    private void shed() {
        busy.set(false);
        if (!stopped) {
            state.skipped(); // every worker busy and the queue full
            load.shed();
        }
    }

    @FunctionalInterface
    private interface Picture {
        void take(Instant at, Consumer<Mat> sink) throws Exception;
    }

    private void sample(long dueMillis, Picture picture) {
        try {
            if (stopped) {
                return;
            }
            Instant at = clock.instant();
            picture.take(at, frame -> {
                load.sampled(clock.millis() - dueMillis);
                for (FrameHandler handler : handlers.get()) {
                    try {
                        handler.onFrame(pavilion, at, frame);
                    } catch (RuntimeException e) {
                        // a failing consumer is not a failing camera
                        log.warn("Frame handler {} failed on {}: {}", handler.getClass().getSimpleName(), pavilion.id(),
                                CameraState.describe(e));
                    }
                }
            });
            state.frame(at);
        } catch (Exception | LinkageError e) {
            failed(e);
        } finally {
            busy.set(false);
        }
    }

    private void failed(Throwable error) {
        source.close();
        Duration wait = backoff.delay(state.consecutiveFailures() + 1, ThreadLocalRandom.current()::nextDouble);
        notBefore = clock.millis() + wait.toMillis();
        state.failure(clock.instant(), error, wait);
        if (!stopped && wait.compareTo(pavilion.camera().interval()) < 0) {
            // retry sooner than the regular cadence would
            try {
                scheduler.schedule((Runnable) this::tick, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // the sampler is stopping
            }
        }
    }

    /** Stops future samples; the source is closed by {@link #close()} once no sample runs. */
    void stop() {
        stopped = true;
    }

    boolean busy() {
        return busy.get();
    }

    void close() {
        source.close();
    }

    Pavilion pavilion() {
        return pavilion;
    }

    void use(Pavilion changed) {
        this.pavilion = changed;
    }

    CameraState state() {
        return state;
    }
}
