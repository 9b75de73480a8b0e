package org.fillwatch.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fillwatch.camera.CameraCameBack;
import org.fillwatch.camera.CameraReleased;
import org.fillwatch.camera.CameraWentOffline;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.vision.ViewRestored;
import org.fillwatch.vision.ViewTampered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CAMERA_OFFLINE incidents: an outage opens one only once it lasted the hold-down (checked
 * periodically, so blips shorter than it never count), and the camera's next frame resolves it.
 * Outages are kept in memory: after a restart the camera reports again. CAMERA_TAMPERED incidents
 * follow vision's verdicts (it already waited for K samples in a row): opened on
 * {@link ViewTampered}, resolved on {@link ViewRestored}.
 */
class CameraHealth {

    static final String ACTOR = "camera-health";
    static final String BACK = "camera back online";
    static final String VIEW_GOOD = "camera view good again";

    private static final Logger log = LoggerFactory.getLogger(CameraHealth.class);

    private final IncidentStore store;
    private final Pavilions pavilions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DeadlinePolicy deadlines;
    private final Duration holdDown;
    private final Clock clock;
    /** pavilion id -> when its camera went offline, while it is offline. */
    private final Map<String, Instant> offlineSince = new ConcurrentHashMap<>();

    CameraHealth(IncidentStore store, Pavilions pavilions, ApplicationEventPublisher events,
                 TransactionTemplate transactions, DeadlinePolicy deadlines, Duration holdDown, Clock clock) {
        this.store = store;
        this.pavilions = pavilions;
        this.events = events;
        this.transactions = transactions;
        this.deadlines = deadlines;
        this.holdDown = holdDown;
        this.clock = clock;
    }

    /** Another instance samples the camera now: its outage, if any, is that instance's to judge. */
    @EventListener
    void on(CameraReleased released) {
        offlineSince.remove(released.pavilionId());
    }

    @EventListener
    void on(CameraWentOffline offline) {
        offlineSince.putIfAbsent(offline.pavilionId(), offline.at());
    }

    /** Runs on the camera's sampling thread: never throws back into it. */
    @EventListener
    void on(CameraCameBack back) {
        offlineSince.remove(back.pavilionId());
        resolve(IncidentType.CAMERA_OFFLINE, back.pavilionId(), back.at(), BACK);
    }

    /** Runs on the camera's sampling thread: never throws back into it. */
    @EventListener
    void on(ViewTampered tampered) {
        try {
            transactions.executeWithoutResult(tx -> open(IncidentType.CAMERA_TAMPERED, tampered.pavilionId(),
                    tampered.at(), "camera view " + tampered.reason()));
        } catch (DuplicateKeyException e) {
            alreadyOpen(IncidentType.CAMERA_TAMPERED, tampered.pavilionId());
        } catch (DataAccessException e) {
            log.error("Could not open a CAMERA_TAMPERED incident for {}: {}", tampered.pavilionId(), e.getMessage());
        }
    }

    @EventListener
    void on(ViewRestored restored) {
        resolve(IncidentType.CAMERA_TAMPERED, restored.pavilionId(), restored.at(), VIEW_GOOD);
    }

    private void resolve(IncidentType type, String pavilionId, Instant at, String reason) {
        try {
            transactions.executeWithoutResult(tx -> store.findOpenCamera(type, pavilionId).ifPresent(open -> {
                Incident closed = store.close(open.id(), at, reason, ACTOR);
                log.info("Incident {} resolved: {} of {} over after {} s", closed.registrationNumber(), type,
                        pavilionId, closed.timeToPickupSeconds());
                events.publishEvent(new IncidentClosed(UUID.randomUUID().toString(), closed));
            }));
        } catch (DataAccessException e) {
            log.error("Could not resolve the {} incident of {}: {}", type, pavilionId, e.getMessage());
        }
    }

    @Scheduled(initialDelayString = "${fillwatch.incidents.camera-offline.check:30s}",
            fixedDelayString = "${fillwatch.incidents.camera-offline.check:30s}")
    void check() {
        check(clock.instant());
    }

    /** Opens an incident for every camera offline for at least the hold-down at the given time. */
    int check(Instant now) {
        int opened = 0;
        for (Map.Entry<String, Instant> outage : offlineSince.entrySet()) {
            if (Duration.between(outage.getValue(), now).compareTo(holdDown) < 0) {
                continue;
            }
            try {
                String reason = "camera offline since " + outage.getValue() + " (hold-down " + holdDown + ")";
                if (Boolean.TRUE.equals(transactions.execute(tx -> open(IncidentType.CAMERA_OFFLINE, outage.getKey(),
                        now, reason)))) {
                    opened++;
                }
            } catch (DuplicateKeyException e) {
                alreadyOpen(IncidentType.CAMERA_OFFLINE, outage.getKey());
            } catch (DataAccessException e) {
                log.error("Could not open a CAMERA_OFFLINE incident for {}: {}", outage.getKey(), e.getMessage());
            }
        }
        return opened;
    }

    /** The unique open_key refused a second open incident: another instance opened it first. */
    private static void alreadyOpen(IncidentType type, String pavilionId) {
        log.info("{} incident of {} already open (opened by another instance), not opening a second one", type,
                pavilionId);
    }

    private boolean open(IncidentType type, String pavilionId, Instant now, String reason) {
        Optional<Pavilion> pavilion = pavilions.find(pavilionId);
        if (pavilion.isEmpty() || store.findOpenCamera(type, pavilionId).isPresent()) {
            return false;
        }
        String carrier = pavilion.get().carrierId();
        Incident incident = store.insertOpen(type, pavilionId, Incident.CAMERA, carrier,
                pavilion.get().district(), 0, now, deadlines.deadline(type, carrier, now), ACTOR, reason);
        log.warn("Incident {} opened: {} at {}: {}", incident.registrationNumber(), type, pavilionId, reason);
        events.publishEvent(new IncidentOpened(UUID.randomUUID().toString(), incident));
        return true;
    }
}
