package org.fillwatch.camera;

import java.time.Clock;
import java.time.Duration;
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
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.PavilionChanged;
import org.fillwatch.pavilion.Pavilions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
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
    /** Which cameras this instance samples (all of them unless a cluster shares them out). */
    private final CameraAssignment assignment;
    private FrameSources sources;
    private ScheduledExecutorService scheduler;
    private ThreadPoolExecutor workers;
    /** Where the cameras' frame counters are registered; null without metrics (tests, commands). */
    private MeterRegistry meters;
    private final SamplingLoad load;
    /** Snapshot requests sent and not yet answered, all cameras together. */
    private final Semaphore inFlight;
    /** When sampling began: looped video files play as if their camera had been running since then. */
    private volatile Instant startedAt;

    @Autowired
    CameraSampler(Pavilions pavilions, CameraProperties properties, ObjectProvider<FrameHandler> handlers,
                  ApplicationEventPublisher events, ObjectProvider<CameraAssignment> assignment,
                  ObjectProvider<MeterRegistry> meters) {
        this(pavilions, properties, () -> handlers.orderedStream().toList(), Clock.systemUTC(), events::publishEvent,
                assignment.getIfAvailable(() -> CameraAssignment.ALL));
        this.meters = meters.getIfAvailable();
    }

    CameraSampler(Pavilions pavilions, CameraProperties properties, Supplier<List<FrameHandler>> handlers, Clock clock) {
        this(pavilions, properties, handlers, clock, event -> { });
    }

    CameraSampler(Pavilions pavilions, CameraProperties properties, Supplier<List<FrameHandler>> handlers, Clock clock,
                  Consumer<Object> transitions) {
        this(pavilions, properties, handlers, clock, transitions, CameraAssignment.ALL);
    }

    CameraSampler(Pavilions pavilions, CameraProperties properties, Supplier<List<FrameHandler>> handlers, Clock clock,
                  Consumer<Object> transitions, CameraAssignment assignment) {
        this.assignment = assignment;
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
            all.forEach(p -> track(p.id(), session(p, null, State.DISABLED)));
            log.info("Camera sampling is disabled (fillwatch.cameras.enabled=false); {} camera(s) not sampled", all.size());
            return;
        }
        JpegDecoder.load(); // before any worker runs: see there
        scheduler = Executors.newSingleThreadScheduledExecutor(named("camera-scheduler"));
        workers = new ThreadPoolExecutor(properties.workers(), properties.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueSize()), named("camera-worker"),
                new ThreadPoolExecutor.AbortPolicy());
        sources = new FrameSources(properties);
        startedAt = clock.instant();
        SlowStart slowStart = beginSpread(all.stream().filter(p -> assignment.owns(p.id())).toList(),
                properties.startRamp());
        long window = properties.loadWindow().toMillis();
        scheduler.scheduleWithFixedDelay(() -> load.evaluate(clock.instant()), window, window, TimeUnit.MILLISECONDS);
        log.info("Sampling {} of {} camera(s) with {} worker(s), queue {}, {} snapshot request(s) in flight at most{}",
                sessions.size(), all.size(), properties.workers(), properties.queueSize(), properties.maxInFlight(),
                slowStart.ramps() ? String.format(java.util.Locale.ROOT, "; due samples ramp from %.0f/s to %.1f/s over %d s",
                        properties.startRate(), slowStart.fullRate(), properties.startRamp().toSeconds()) : "");
    }

    /**
     * Begins sampling the cameras, their first samples spread evenly over their interval (and ramped
     * up over {@code ramp}): a city bunched into a few seconds of each minute asks for its frames faster
     * than the node can analyse them (the capacity benchmark shed them).
     */
    private SlowStart beginSpread(List<Pavilion> cameras, Duration ramp) {
        List<Duration> intervals = cameras.stream().map(p -> p.camera().interval()).toList();
        SlowStart slowStart = SlowStart.of(intervals, properties.startRate(), ramp);
        long[] delays = slowStart.firstDelays(intervals);
        for (int n = 0; n < delays.length; n++) {
            begin(cameras.get(n), delays[n]);
        }
        return slowStart;
    }

    /** @param initialDelay ms until its first sample */
    private void begin(Pavilion pavilion, long initialDelay) {
        CameraSession session;
        try {
            session = session(pavilion, sources.create(pavilion.camera(), startedAt), State.STARTING);
        } catch (Exception e) {
            CameraState failed = new CameraState(pavilion.id(), pavilion.camera().maskedUrl(), State.STARTING,
                    transitions);
            failed.unusable(clock.instant(), e);
            track(pavilion.id(), new CameraSession(pavilion, NO_SOURCE, failed, null, null, null, handlers, clock));
            return;
        }
        track(pavilion.id(), session);
        double firstVirtual = load.virtualTime(clock.millis() + initialDelay);
        // each sample plans the next itself (on the load-stretched clock) until the session is stopped
        scheduler.schedule(() -> session.due(firstVirtual), initialDelay, TimeUnit.MILLISECONDS);
    }

    /** Starts the cameras this instance gained and stops the ones another instance owns now. */
    @EventListener(CameraAssignmentChanged.class)
    public synchronized void reassign() {
        if (scheduler == null) {
            return;
        }
        List<Pavilion> gainedCameras = new java.util.ArrayList<>();
        int lost = 0;
        for (Pavilion pavilion : pavilions.all()) {
            boolean owned = assignment.owns(pavilion.id());
            if (owned && !sessions.containsKey(pavilion.id())) {
                gainedCameras.add(pavilion);
            } else if (!owned && sessions.containsKey(pavilion.id())) {
                release(pavilion.id());
                lost++;
            }
        }
        // the node is warm, no ramp; but half a city gained from a failed node, all due at once, would overflow the queues
        beginSpread(gainedCameras, Duration.ZERO);
        int gained = gainedCameras.size();
        if (gained + lost > 0) {
            log.info("Camera assignment changed: {} camera(s) gained, {} released, {} sampled here", gained, lost,
                    sessions.size());
        }
    }

    private void release(String pavilionId) {
        CameraSession session = sessions.remove(pavilionId);
        session.stop(); // its next sample, already planned, finds it stopped
        closeWhenIdle(session);
        transitions.accept(new CameraReleased(pavilionId, clock.instant()));
    }

    /** Closing a grabber under a running read crashes natively: wait for the sample to end. */
    private void closeWhenIdle(CameraSession session) {
        if (!session.busy()) {
            session.close();
            return;
        }
        try {
            scheduler.schedule(() -> closeWhenIdle(session), 100, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stop() closes what is left
        }
    }

    private void track(String pavilionId, CameraSession session) {
        sessions.put(pavilionId, session);
        if (meters != null) {
            CameraMeters.register(meters, pavilionId, session.state());
        }
    }

    private CameraSession session(Pavilion pavilion, FrameSource source, State initial) {
        CameraState state = new CameraState(pavilion.id(), pavilion.camera().maskedUrl(), initial, transitions);
        Backoff backoff = new Backoff(properties.backoffBase(), properties.backoffMax(), properties.backoffJitter());
        return new CameraSession(pavilion, source == null ? NO_SOURCE : source, state, backoff, workers, scheduler,
                handlers, clock, load, inFlight);
    }

    /**
     * Sampling stops when the context starts closing, before any bean is destroyed: destroyed in
     * the order of their dependencies, the model and the reading writer (which the sampler reaches
     * only through handlers and events) went first, and the samples still running at shutdown
     * failed on a closed model or had their readings dropped by a writer that no longer drained.
     */
    @EventListener(ContextClosedEvent.class)
    void contextClosing() {
        stop();
    }

    /** Stops dispatching, lets running samples finish (bounded by the timeouts), then closes every grabber. */
    @jakarta.annotation.PreDestroy
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        sessions.values().forEach(CameraSession::stop);
        scheduler.shutdownNow();
        // samples not yet started are dropped; running ones finish uninterrupted (an interrupt in the
        // middle of a JDBC call closes an H2 file database's channel); FFmpeg reads end by their own timeouts
        workers.shutdown();
        workers.getQueue().clear();
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

    /**
     * New container polygons apply from the next frame; a changed camera (URL, mode, interval) would
     * need a new stream, which only a restart gives, so it is reported rather than half applied.
     */
    @EventListener
    void pavilionChanged(PavilionChanged changed) {
        Pavilion pavilion = changed.pavilion();
        CameraSession session = sessions.get(pavilion.id());
        if (session == null) {
            log.warn("Pavilion {} changed but has no camera session; it is sampled after a restart", pavilion.id());
        } else if (!session.pavilion().camera().equals(pavilion.camera())) {
            log.warn("Pavilion {}: camera settings changed in {}; they apply after a restart", pavilion.id(),
                    pavilion.source());
            session.use(new Pavilion(pavilion.id(), pavilion.name(), pavilion.address(), pavilion.district(),
                    pavilion.latitude(), pavilion.longitude(), pavilion.carrierId(), session.pavilion().camera(),
                    pavilion.containers(), pavilion.source(), pavilion.model()));
        } else {
            session.use(pavilion);
        }
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
