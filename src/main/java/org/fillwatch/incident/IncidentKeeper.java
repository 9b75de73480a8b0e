package org.fillwatch.incident;

import java.util.Optional;
import java.util.UUID;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the fill rules to every reading and opens, upgrades or closes the container's incident.
 * Each reading gets its own transaction; the events published in it reach the alert listeners only
 * once it commits (Spring Modulith's event publication registry records them in the same
 * transaction).
 */
@Component
class IncidentKeeper {

    static final String EMPTIED = "emptied";

    private static final Logger log = LoggerFactory.getLogger(IncidentKeeper.class);

    private final IncidentRules rules = new IncidentRules();
    private final IncidentStore store;
    private final Pavilions pavilions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    IncidentKeeper(IncidentStore store, Pavilions pavilions, ApplicationEventPublisher events,
                   TransactionTemplate transactions) {
        this.store = store;
        this.pavilions = pavilions;
        this.events = events;
        this.transactions = transactions;
    }

    @EventListener
    void on(ReadingsRecorded recorded) {
        for (FillReading reading : recorded.readings()) {
            try {
                transactions.executeWithoutResult(tx -> apply(reading));
            } catch (DuplicateKeyException e) {
                // another instance (or thread) opened it first: the constraint kept the register right
                log.info("Incident for {}/{} already open, not opening a second one",
                        reading.pavilionId(), reading.containerId());
            } catch (DataAccessException e) {
                log.error("Incident rules failed for {}/{}: {}", reading.pavilionId(), reading.containerId(),
                        e.getMessage(), e);
            }
        }
    }

    private void apply(FillReading reading) {
        Optional<Incident> open = store.findOpen(reading.pavilionId(), reading.containerId());
        IncidentRules.Action action = rules.apply(reading, thresholds(reading), open.map(Incident::type).orElse(null));
        switch (action) {
            case OPEN_FULL -> open(reading, IncidentType.FULL);
            case OPEN_OVERFLOW -> open(reading, IncidentType.OVERFLOW);
            case UPGRADE_TO_OVERFLOW -> {
                store.upgrade(open.get().id(), IncidentType.OVERFLOW, reading.fillPercent());
                log.info("Incident {} upgraded to OVERFLOW", open.get().registrationNumber());
            }
            case CLOSE -> {
                Incident closed = store.close(open.get().id(), reading.time(), EMPTIED);
                log.info("Incident {} resolved: {}/{} emptied", closed.registrationNumber(),
                        closed.pavilionId(), closed.containerId());
                events.publishEvent(new IncidentClosed(UUID.randomUUID().toString(), closed));
            }
            case NONE -> open.ifPresent(incident -> store.raiseFill(incident.id(), reading.fillPercent()));
        }
    }

    private void open(FillReading reading, IncidentType type) {
        Incident incident = store.insertOpen(type, reading.pavilionId(), reading.containerId(), reading.carrierId(),
                reading.district(), reading.fillPercent(), reading.time());
        log.info("Incident {} opened: {} at {}/{} ({}%)", incident.registrationNumber(), type,
                incident.pavilionId(), incident.containerId(), Math.round(reading.fillPercent()));
        events.publishEvent(new IncidentOpened(UUID.randomUUID().toString(), incident));
    }

    private Thresholds thresholds(FillReading reading) {
        return pavilions.find(reading.pavilionId())
                .flatMap(p -> p.container(reading.containerId()))
                .map(ContainerSpec::thresholds)
                .orElse(Thresholds.DEFAULT);
    }
}
