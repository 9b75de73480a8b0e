package org.fillwatch.camera;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Samples every valid pavilion's camera at its own interval: one scheduler thread that only
 * dispatches, over a bounded pool of workers that take the samples. No thread per camera.
 */
@Component
class CameraSampler implements CameraStatuses {

    private static final Logger log = LoggerFactory.getLogger(CameraSampler.class);

    private final Pavilions pavilions;
    private final CameraProperties properties;
    private final Supplier<List<FrameHandler>> handlers;
    private final Clock clock;
    /** Publishes the cameras' CameraWentOffline / CameraCameBack. */
    private final Consumer<Object> transitions;
    private final Map<String, CameraSession> sessions = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private ThreadPoolExecutor workers;
    private FrameSources sources;
    private final SamplingLoad load;
    /** Snapshot requests sent and not yet answered, all cameras together. */
    private final Semaphore inFlight;
    /** When sampling began: looped video files play as if their camera had been running since then. */
    private volatile Instant startedAt;

    @Autowired
    CameraSampler(Pavilions pavilions, CameraProperties properties, ObjectProvider<FrameHandler> handlers,
                  ApplicationEventPublisher events) {
        this(pavilions, properties, () -> handlers.orderedStream().toList(), Clock.systemUTC(), events::publishEvent);
    }

    CameraSampler(Pavilions pavilions, CameraProperties properties, Supplier<List<FrameHandler>> handlers, Clock clock) {
        this(pavilions, properties, handlers, clock, event -> { });
    }

    CameraSampler(Pavilions pavilions, CameraProperties properties, Supplier<List<FrameHandler>> handlers, Clock clock,
                  Consumer<Object> transitions) {
        this.pavilions = pavilions;
        this.properties = properties;
        this.handlers = handlers;
        this.clock = clock;
        this.transitions = transitions;
        this.load = new SamplingLoad(properties.maxLag(), properties.maxStretch(), clock.millis());
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        List<Pavilion> all = pavilions.all();
        if (!properties.enabled()) {
            all.forEach(p -> sessions.put(p.id(), session(p, null, State.DISABLED)));
            log.info("Camera sampling is disabled (fillwatch.cameras.enabled=false); {} camera(s) not sampled", all.size());
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(named("camera-scheduler"));
        workers = new ThreadPoolExecutor(properties.workers(), properties.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueSize()), named("camera-worker"),
                new ThreadPoolExecutor.AbortPolicy());
        sources = new FrameSources(properties);
        Instant start = clock.instant();
        startedAt = start;
        int n = 0;
        // first samples spread evenly over the interval: a city bunched into a few seconds of each minute
        // asks for its frames faster than the node can analyse them (the capacity benchmark shed them)
        for (Pavilion pavilion : all) {
            CameraSession session;
            try {
                session = session(pavilion, sources.create(pavilion.camera(), start), State.STARTING);
            } catch (Exception e) {
                CameraState failed = new CameraState(pavilion.id(), pavilion.camera().maskedUrl(), State.STARTING,
                        transitions);
                failed.unusable(clock.instant(), e);
                sessions.put(pavilion.id(), new CameraSession(pavilion, NO_SOURCE, failed, null, null, null, handlers, clock));
                continue;
            }
            sessions.put(pavilion.id(), session);
            long period = pavilion.camera().interval().toMillis();
            long initialDelay = all.size() <= 1 ? 0 : period * n++ / all.size();
            double firstVirtual = load.virtualTime(clock.millis() + initialDelay);
            scheduler.schedule(() -> session.due(firstVirtual), initialDelay, TimeUnit.MILLISECONDS);
        }
        long window = properties.loadWindow().toMillis();
        scheduler.scheduleWithFixedDelay(() -> load.evaluate(clock.instant()), window, window, TimeUnit.MILLISECONDS);
        log.info("Sampling {} camera(s) with {} worker(s), queue {}, {} snapshot request(s) in flight at most",
                sessions.size(), properties.workers(), properties.queueSize(), properties.maxInFlight());
    }

    private CameraSession session(Pavilion pavilion, FrameSource source, State initial) {
        CameraState state = new CameraState(pavilion.id(), pavilion.camera().maskedUrl(), initial, transitions);
        Backoff backoff = new Backoff(properties.backoffBase(), properties.backoffMax(), properties.backoffJitter());
        return new CameraSession(pavilion, source == null ? NO_SOURCE : source, state, backoff, workers, scheduler,
                handlers, clock, load, inFlight);
    }

    /** Stops dispatching, lets running samples finish (bounded by the timeouts), then closes every grabber. */
    @jakarta.annotation.PreDestroy
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        sessions.values().forEach(CameraSession::stop);
        scheduler.shutdownNow();
        workers.shutdownNow(); // interrupts; FFmpeg reads end by their own timeouts
        try {
            long waitMs = properties.connectTimeout().plus(properties.readTimeout()).toMillis() + 1000;
            if (!workers.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                log.warn("Camera workers still busy after {} ms", waitMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CameraSession session : sessions.values()) {
            if (session.busy()) {
                // closing a grabber under a running read crashes natively; the process is ending anyway
                log.warn("Camera {} still sampling at shutdown; its stream is left to the process exit", session.pavilion().id());
            } else {
                session.close();
            }
        }
        sources.close();
        scheduler = null;
        log.info("Camera sampling stopped");
    }

    @Override
    public List<CameraStatus> all() {
        List<CameraStatus> all = new ArrayList<>();
        sessions.values().forEach(s -> all.add(s.state().snapshot()));
        all.sort((a, b) -> a.pavilionId().compareTo(b.pavilionId()));
        return all;
    }

    @Override
    public Optional<CameraStatus> find(String pavilionId) {
        return Optional.ofNullable(sessions.get(pavilionId)).map(s -> s.state().snapshot());
    }

    /** Samples skipped because the previous one still ran or no worker was free. */
    long skipped(String pavilionId) {
        CameraSession session = sessions.get(pavilionId);
        return session == null ? 0 : session.state().skippedCount();
    }

    /** How sampling keeps up: lag, shed samples, the stretch of the intervals. */
    SamplingLoad load() {
        return load;
    }

    /** Samples waiting for a worker now (never more than {@code queue-size}). */
    int queued() {
        ThreadPoolExecutor pool = workers;
        return pool == null ? 0 : pool.getQueue().size();
    }

    /** Snapshot requests waiting for their answer now (never more than {@code max-in-flight}). */
    int requestsInFlight() {
        return properties.maxInFlight() - inFlight.availablePermits();
    }

    Instant startedAt() {
        return startedAt;
    }

    Map<String, CameraSession> sessions() {
        return sessions;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final FrameSource NO_SOURCE = new FrameSource() {
        @Override
        public void sample(Instant at, java.util.function.Consumer<org.bytedeco.opencv.opencv_core.Mat> sink) {
            throw new IllegalStateException("camera not sampled");
        }

        @Override
        public void close() {
        }
    };
}
