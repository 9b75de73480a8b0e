package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.SamplingMode;
import org.fillwatch.pavilion.Thresholds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dispatch rules of one camera, with a scripted source in place of a stream. */
class CameraSessionTest {

    static final Pavilion PAVILION = pavilion("p1", "rtsp://admin:hunter2@127.0.0.1:1/cam", Duration.ofSeconds(60));

    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor manualWorkers = queued::add;
    private final List<Instant> handled = new ArrayList<>();
    private final ScriptedSource source = new ScriptedSource();
    private final CameraState state = new CameraState("p1", PAVILION.camera().maskedUrl(), State.STARTING);
    /** Refuses the early retries, so that only the test's own ticks (on its own clock) dispatch samples. */
    private final ScheduledExecutorService refusingScheduler = shutDown(Executors.newSingleThreadScheduledExecutor());
    private final CameraSession session = new CameraSession(PAVILION, source, state,
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0), manualWorkers, refusingScheduler,
            () -> List.of((p, at, frame) -> handled.add(at)), clock);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aSampleStillRunningMakesTheNextOneSkippedNotQueued() {
        session.tick();
        session.tick();
        session.tick();
        assertThat(queued).hasSize(1);
        assertThat(state.skippedCount()).isEqualTo(2);

        source.results.add(null);
        runQueued();
        session.tick();
        assertThat(queued).hasSize(1);
        assertThat(state.skippedCount()).isEqualTo(2);
    }

    @Test
    void framesGoToTheHandlersAndMakeTheCameraOnline() {
        source.results.add(null);
        session.tick();
        runQueued();

        CameraStatus status = state.snapshot();
        assertThat(status.state()).isEqualTo(State.ONLINE);
        assertThat(status.framesSampled()).isEqualTo(1);
        assertThat(status.lastFrameAt()).isEqualTo(clock.instant());
        assertThat(handled).containsExactly(clock.instant());
    }

    @Test
    void failuresBackOffExponentiallyAndMaskTheUrl() {
        for (int i = 0; i < 3; i++) {
            source.results.add(new java.io.IOException("Could not open rtsp://admin:hunter2@127.0.0.1:1/cam"));
        }
        source.results.add(null);
        Instant firstFailure = clock.instant();
        session.tick();
        runQueued();
        CameraStatus offline = state.snapshot();
        assertThat(offline.state()).isEqualTo(State.OFFLINE);
        assertThat(offline.offlineSince()).isEqualTo(firstFailure);
        assertThat(offline.lastError()).contains("rtsp://***@127.0.0.1:1/cam").doesNotContain("hunter2");
        assertThat(source.closed).isEqualTo(1);

        // waits of 1 s, then 2 s: ticks before the wait is over do nothing
        clock.advance(999);
        session.tick();
        assertThat(queued).isEmpty();
        clock.advance(1);
        session.tick();
        runQueued();
        assertThat(state.snapshot().consecutiveFailures()).isEqualTo(2);
        clock.advance(1999);
        session.tick();
        assertThat(queued).isEmpty();
        clock.advance(1);
        session.tick();
        runQueued();
        clock.advance(4000);
        session.tick();
        runQueued();

        CameraStatus back = state.snapshot();
        assertThat(back.state()).isEqualTo(State.ONLINE);
        assertThat(back.offlineSince()).isNull();
        assertThat(back.consecutiveFailures()).isZero();
        assertThat(state.failureCount()).isEqualTo(3);
        assertThat(state.skippedCount()).isZero();
    }

    @Test
    void aRetryShorterThanTheIntervalIsScheduledOnTheSchedulerThread() throws InterruptedException {
        Pavilion rare = pavilion("p2", "rtsp://127.0.0.1:1/cam", Duration.ofHours(1));
        CameraState rareState = new CameraState("p2", "x", State.STARTING);
        List<Runnable> work = java.util.Collections.synchronizedList(new ArrayList<>());
        CameraSession s = new CameraSession(rare, source, rareState,
                new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 0), work::add, scheduler, List::of,
                Clock.systemUTC());
        source.results.add(new java.io.IOException("refused"));
        s.tick();
        // taken before the failing sample runs: the retry's 50 ms wait starts inside it, so a busy
        // machine can only make the measured time longer, never shorter
        long start = System.nanoTime();
        work.remove(0).run();
        assertThat(rareState.snapshot().state()).isEqualTo(State.OFFLINE);
        // no regular tick for an hour, yet the retry is dispatched after the 50 ms wait
        assertThat(awaitSize(work, 1, 2000)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
    }

    @Test
    void aFailingHandlerDoesNotMakeTheCameraOffline() {
        CameraSession s = new CameraSession(PAVILION, source, state,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0), manualWorkers, refusingScheduler,
                () -> List.of((p, at, frame) -> {
                    throw new IllegalStateException("model failed");
                }, (p, at, frame) -> handled.add(at)), clock);
        source.results.add(null);
        s.tick();
        runQueued();
        assertThat(state.snapshot().state()).isEqualTo(State.ONLINE);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aStoppedSessionDispatchesNothing() {
        session.stop();
        session.tick();
        assertThat(queued).isEmpty();
    }

    private static ScheduledExecutorService shutDown(ScheduledExecutorService s) {
        s.shutdown();
        return s;
    }

    private static boolean awaitSize(List<Runnable> list, int size, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            synchronized (list) {
                if (list.size() >= size) {
                    return true;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    static Pavilion pavilion(String id, String url, Duration interval) {
        ContainerSpec container = new ContainerSpec("c1", "bin", List.of(new ContainerSpec.Point(0, 0),
                new ContainerSpec.Point(1, 0), new ContainerSpec.Point(1, 1), new ContainerSpec.Point(0, 1)),
                Thresholds.DEFAULT);
        return new Pavilion(id, id, "addr", "district", 54.87, 69.14, "carrier-a",
                new CameraSpec(url, SamplingMode.BURST, interval), List.of(container), "test");
    }

    /** Answers each sample with the next scripted result: null = a 4x4 grey picture, else that exception. */
    static final class ScriptedSource implements FrameSource {
        final java.util.LinkedList<Exception> results = new java.util.LinkedList<>();
        int closed;

        @Override
        public void sample(Instant at, Consumer<Mat> sink) throws Exception {
            Exception next = results.isEmpty() ? new IllegalStateException("no scripted result") : results.removeFirst();
            if (next != null) {
                throw next;
            }
            try (Mat mat = new Mat(4, 4, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(7, 7, 7, 0))) {
                sink.accept(mat);
            }
        }

        @Override
        public void close() {
            closed++;
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
