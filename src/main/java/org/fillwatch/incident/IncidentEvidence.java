package org.fillwatch.incident;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.fillwatch.vision.PrivacyCrops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.unit.DataSize;

/**
 * Keeps the privacy-blurred crop of a container when its incident opens and when it is resolved
 * (camera incidents have no container and get none), and enforces the evidence retention. Runs in
 * the incident's thread once its transaction committed (the frame that decided it is still held:
 * blurring and encoding it inside the transaction kept the opening's locks for milliseconds more); a
 * picture that cannot be taken or written is logged and never touches the incident.
 */
@Component
class IncidentEvidence {

    private static final Logger log = LoggerFactory.getLogger(IncidentEvidence.class);
    static final org.springframework.boot.health.contributor.Status WARNING =
            new org.springframework.boot.health.contributor.Status("WARNING", "evidence pictures are not being stored");

    private final PrivacyCrops crops;
    private final EvidenceStore store;
    private final Clock clock;

    IncidentEvidence(PrivacyCrops crops, EvidenceStore store, ObjectProvider<Clock> clock) {
        this.crops = crops;
        this.store = store;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @EventListener
    void on(IncidentOpened opened) {
        afterCommit(() -> keep(opened.incident(), "opened", opened.incident().openedAt()));
    }

    @EventListener
    void on(IncidentClosed closed) {
        afterCommit(() -> keep(closed.incident(), "resolved", closed.incident().closedAt()));
    }

    /**
     * Once the incident's transaction commits, or now without one. Not a transactional event
     * listener: Spring Modulith keeps an outbox row for each of those (an insert with the serialised
     * event, then its completion), which a picture of a frame long gone could not use after a restart.
     */
    private static void afterCommit(Runnable task) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            task.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                task.run();
            }
        });
    }

    private void keep(Incident incident, String moment, Instant at) {
        if (Incident.CAMERA.equals(incident.containerId())) {
            return;
        }
        try {
            crops.latest(incident.pavilionId(), incident.containerId()).ifPresentOrElse(jpeg -> {
                try {
                    Path file = store.store(incident.registrationNumber(), moment, at == null ? clock.instant() : at, jpeg);
                    log.info("Incident {}: evidence {} stored ({} bytes)", incident.registrationNumber(), file, jpeg.length);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, () -> log.info("Incident {}: no frame of {} held, no {} evidence", incident.registrationNumber(),
                    incident.pavilionId(), moment));
        } catch (RuntimeException e) {
            log.error("Incident {}: {} evidence not stored: {}", incident.registrationNumber(), moment, e.toString());
        }
    }

    @Scheduled(initialDelayString = "${fillwatch.evidence.sweep:1h}", fixedDelayString = "${fillwatch.evidence.sweep:1h}")
    void sweep() {
        try {
            store.sweep(clock.instant());
        } catch (IOException | RuntimeException e) {
            log.error("Evidence retention sweep failed: {}", e.toString());
        }
    }

    /** The store from {@code fillwatch.evidence.*}. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Config {

        @org.springframework.context.annotation.Bean
        EvidenceStore evidenceStore(@Value("${fillwatch.evidence.dir:data/evidence}") Path dir,
                                    @Value("${fillwatch.evidence.max-age:90d}") Duration maxAge,
                                    @Value("${fillwatch.evidence.max-bytes:1GB}") DataSize maxBytes,
                                    @Value("${fillwatch.evidence.min-free:100MB}") DataSize minFree) {
            return new EvidenceStore(dir, maxAge, maxBytes.toBytes(), minFree.toBytes());
        }

        /** WARNING (not DOWN: incidents and alerts go on) while pictures cannot be stored. */
        @org.springframework.context.annotation.Bean("evidenceHealthIndicator")
        org.springframework.boot.health.contributor.HealthIndicator evidenceHealth(EvidenceStore store) {
            return () -> org.springframework.boot.health.contributor.Health
                    .status(store.troubled() ? WARNING : org.springframework.boot.health.contributor.Status.UP)
                    .withDetails(store.health()).build();
        }
    }
}
