package org.fillwatch.camera;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.fillwatch.pavilion.Pavilion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pavilion's camera: the scheduler calls {@link #tick()} when a sample is due; the sample itself
 * runs on a worker. A sample still running when the next is due makes that one skipped, never queued.
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
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean stopped;
    /** Epoch millis before which no attempt is made, while backing off after failures. */
    private volatile long notBefore;

    CameraSession(Pavilion pavilion, FrameSource source, CameraState state, Backoff backoff, Executor workers,
            ScheduledExecutorService scheduler, Supplier<List<FrameHandler>> handlers, Clock clock) {
        this.pavilion = pavilion;
        this.source = source;
        this.state = state;
        this.backoff = backoff;
        this.workers = workers;
        this.scheduler = scheduler;
        this.handlers = handlers;
        this.clock = clock;
    }

    /** Runs on the scheduler thread: dispatches only, never waits. */
    void tick() {
        if (stopped || clock.millis() < notBefore) {
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            state.skipped();
            return;
        }
        try {
            workers.execute(this::sample);
        } catch (RejectedExecutionException e) {
            busy.set(false);
            if (!stopped) {
                state.skipped(); // every worker busy and the queue full
            }
        }
    }

    private void sample() {
        try {
            if (stopped) {
                return;
            }
            Instant at = clock.instant();
            source.sample(at, frame -> {
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
                scheduler.schedule(this::tick, wait.toMillis(), TimeUnit.MILLISECONDS);
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
