package org.fillwatch.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fillwatch.camera.CameraCameBack;
import org.fillwatch.camera.CameraWentOffline;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentClosed;
import org.fillwatch.incident.IncidentEscalated;
import org.fillwatch.incident.IncidentOpened;
import org.fillwatch.incident.IncidentUpdated;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.vision.ViewRestored;
import org.fillwatch.vision.ViewTampered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the open pages ({@code GET /api/stream}): the domain events as compact
 * JSON, each only to viewers who may see its carrier. Events named {@code pavilion} (a marker's new
 * state after readings or a camera change) and {@code incident} (opened, updated, escalated, closed).
 * Sending happens on one thread of its own, so a slow browser never holds up the camera workers
 * that publish the readings.
 */
@RestController
class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final Duration TIMEOUT = Duration.ofHours(1);
    /** Beyond this many waiting messages, new ones are dropped (pages reload their data on reconnect). */
    private static final int QUEUE = 10_000;

    private record Subscriber(SseEmitter emitter, Viewer viewer) {
    }

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "live-stream");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private final AtomicLong ids = new AtomicLong();
    private final Pavilions pavilions;
    private final MapController map;

    LiveStream(Pavilions pavilions, MapController map) {
        this.pavilions = pavilions;
        this.map = map;
    }

    @GetMapping(value = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter subscribe(Authentication authentication) throws IOException {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(emitter, Viewer.of(authentication));
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        // the first bytes tell the browser the stream is open (EventSource "open" fires)
        emitter.send(SseEmitter.event().comment("hello").reconnectTime(2000));
        return emitter;
    }

    /**
     * Ends the open streams as soon as the service starts to stop. The web server's graceful shutdown
     * waits for open requests, and a page with its stream open would hold every stop for the whole
     * shutdown timeout (30 s), longer than {@code docker stop} waits before it kills the process.
     * The pages reconnect on their own to the next instance.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        sender.shutdown();
        for (Subscriber s : subscribers) {
            try {
                s.emitter().complete();
            } catch (RuntimeException e) {
                log.debug("Live stream already ended: {}", e.toString());
            }
        }
        subscribers.clear();
    }

    int subscribers() {
        return subscribers.size();
    }

    @EventListener
    void readings(ReadingsRecorded recorded) {
        recorded.readings().stream().map(r -> r.pavilionId()).distinct().forEach(this::pavilion);
    }

    @EventListener
    void offline(CameraWentOffline event) {
        pavilion(event.pavilionId());
    }

    @EventListener
    void back(CameraCameBack event) {
        pavilion(event.pavilionId());
    }

    @EventListener
    void tampered(ViewTampered event) {
        pavilion(event.pavilionId());
    }

    @EventListener
    void restored(ViewRestored event) {
        pavilion(event.pavilionId());
    }

    @EventListener
    void opened(IncidentOpened event) {
        incident("opened", event.incident());
    }

    @EventListener
    void updated(IncidentUpdated event) {
        incident("updated", event.incident());
    }

    @EventListener
    void escalated(IncidentEscalated event) {
        incident("escalated", event.incident());
    }

    @EventListener
    void closed(IncidentClosed event) {
        incident("closed", event.incident());
    }

    /** A comment line now and then: proxies keep the connection, and dead browsers are noticed. */
    @Scheduled(fixedDelay = 20_000)
    void heartbeat() {
        if (!subscribers.isEmpty()) {
            sender.execute(() -> subscribers.forEach(s -> send(s, SseEmitter.event().comment("ping"))));
        }
    }

    private void pavilion(String pavilionId) {
        if (subscribers.isEmpty()) {
            return;
        }
        pavilions.find(pavilionId).ifPresent(p -> {
            MapController.Feature feature = map.feature(p);
            broadcast("pavilion", p.carrierId(), feature.properties());
        });
    }

    private void incident(String change, Incident i) {
        broadcast("incident", i.carrierId(), Map.ofEntries(
                Map.entry("change", change), Map.entry("registrationNumber", i.registrationNumber()),
                Map.entry("type", i.type()), Map.entry("status", i.status()),
                Map.entry("pavilion", i.pavilionId()), Map.entry("container", i.containerId()),
                Map.entry("carrier", i.carrierId()), Map.entry("district", String.valueOf(i.district())),
                Map.entry("fillPercent", i.fillPercent()), Map.entry("openedAt", String.valueOf(i.openedAt())),
                Map.entry("deadline", String.valueOf(i.deadline()))));
    }

    private void broadcast(String name, String carrier, Object data) {
        if (subscribers.isEmpty()) {
            return;
        }
        long id = ids.incrementAndGet();
        sender.execute(() -> {
            for (Subscriber s : subscribers) {
                if (s.viewer().maysee(carrier)) {
                    send(s, SseEmitter.event().id(Long.toString(id)).name(name).data(data, MediaType.APPLICATION_JSON));
                }
            }
        });
    }

    private void send(Subscriber s, SseEmitter.SseEventBuilder event) {
        try {
            s.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            // the browser went away; the container completes the emitter, which removes it
            subscribers.remove(s);
            log.debug("Live stream subscriber gone: {}", e.toString());
        }
    }
}
