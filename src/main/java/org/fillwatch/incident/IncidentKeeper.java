package org.fillwatch.incident;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fillwatch.camera.CameraReleased;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.timeseries.FillHistory;
import org.fillwatch.vision.FillState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the fill rules to every reading and opens, updates or closes the container's incident.
 * Each reading gets its own transaction; the events published in it reach the alert listeners only
 * once it commits (Spring Modulith's event publication registry records them in the same
 * transaction).
 */
@Component
class IncidentKeeper {

    static final String EMPTIED = "emptied";
    static final String RULES = "rules";
    static final String SEEN_AGAIN = "container seen again";

    private static final Logger log = LoggerFactory.getLogger(IncidentKeeper.class);

    private final IncidentRules rules = new IncidentRules();
    private final IncidentStore store;
    private final Pavilions pavilions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DeadlinePolicy deadlines;
    private final FillForecaster forecaster;
    private final IncidentProperties.Forecast forecast;
    private final FillHistory history;

    IncidentKeeper(IncidentStore store, Pavilions pavilions, ApplicationEventPublisher events,
                   TransactionTemplate transactions, DeadlinePolicy deadlines, IncidentProperties properties) {
        this(store, pavilions, events, transactions, deadlines, properties, (FillHistory) null);
    }

    /** @param history earlier readings to start a container's forecast window from; absent: start empty */
    @org.springframework.beans.factory.annotation.Autowired
    IncidentKeeper(IncidentStore store, Pavilions pavilions, ApplicationEventPublisher events,
                   TransactionTemplate transactions, DeadlinePolicy deadlines, IncidentProperties properties,
                   org.springframework.beans.factory.ObjectProvider<FillHistory> history) {
        this(store, pavilions, events, transactions, deadlines, properties, history.getIfAvailable());
    }

    IncidentKeeper(IncidentStore store, Pavilions pavilions, ApplicationEventPublisher events,
                   TransactionTemplate transactions, DeadlinePolicy deadlines, IncidentProperties properties,
                   FillHistory history) {
        this.history = history;
        this.store = store;
        this.pavilions = pavilions;
        this.events = events;
        this.transactions = transactions;
        this.deadlines = deadlines;
        this.forecast = properties.forecast();
        this.forecaster = new FillForecaster(forecast.window(), forecast.minReadings(), forecast.minSpan(),
                Duration.ofDays(forecast.profileMinDays()), forecast.zoneId());
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

    /** Streaks and forecast windows of a camera another instance samples now would go stale here. */
    @EventListener
    void on(CameraReleased released) {
        rules.forget(released.pavilionId());
        forecaster.forget(released.pavilionId());
    }

    private void apply(FillReading reading) {
        Optional<Incident> open = store.findOpen(reading.pavilionId(), reading.containerId());
        Thresholds thresholds = thresholds(reading);
        IncidentRules.Action action = rules.apply(reading, thresholds, open.map(Incident::type).orElse(null));
        switch (action) {
            case OPEN_FULL -> open(reading, IncidentType.FULL, thresholds);
            case OPEN_OVERFLOW -> open(reading, IncidentType.OVERFLOW, thresholds);
            case UPGRADE_TO_FULL -> retype(open.get(), IncidentType.FULL, reading, thresholds);
            case UPGRADE_TO_OVERFLOW -> retype(open.get(), IncidentType.OVERFLOW, reading, thresholds);
            case OPEN_MISSING -> open(reading, IncidentType.CONTAINER_MISSING, thresholds);
            case CLOSE -> close(open.get(), reading, EMPTIED);
            case CLOSE_MISSING -> close(open.get(), reading, SEEN_AGAIN);
            // most readings of an open incident are not its highest: no statement for those
            case NONE -> open.filter(incident -> reading.state() != FillState.ABSENT
                            && reading.fillPercent() > incident.fillPercent())
                    .ifPresent(incident -> store.raiseFill(incident.id(), reading.fillPercent()));
        }
        if (!forecast.enabled()) {
            return;
        }
        seedForecast(reading, thresholds);
        // every usable reading feeds the fit; only a container without an open incident gets a forecast one
        if (action == IncidentRules.Action.NONE && open.isEmpty()) {
            forecaster.offer(reading, thresholds).ifPresent(f -> forecastFull(reading, f));
        } else {
            forecaster.record(reading, thresholds);
        }
    }

    /**
     * The first reading of a container on this instance (after a start, or after its camera moved
     * here) starts the fit window from the time-series store: the forecast does not wait for
     * {@code min-span} of new readings. A failing store only costs that head start.
     */
    private void seedForecast(FillReading reading, Thresholds thresholds) {
        if (history == null || forecaster.knows(reading.pavilionId(), reading.containerId())) {
            return;
        }
        List<FillReading> earlier = List.of();
        try {
            earlier = history.lastStored(reading.pavilionId(), reading.containerId(),
                    reading.time().minus(forecaster.window()), reading.time().minusMillis(1), FillForecaster.MAX_POINTS);
        } catch (RuntimeException e) {
            log.warn("Forecast window of {}/{} starts empty: reading its history failed: {}", reading.pavilionId(),
                    reading.containerId(), e.toString());
        }
        forecaster.seed(reading.pavilionId(), reading.containerId(), earlier, thresholds);
    }

    private void close(Incident open, FillReading reading, String reason) {
        Incident closed = store.close(open.id(), reading.time(), reason, RULES);
        log.info("Incident {} resolved: {}/{} {} after {} s", closed.registrationNumber(), closed.pavilionId(),
                closed.containerId(), reason, closed.timeToPickupSeconds());
        events.publishEvent(new IncidentClosed(UUID.randomUUID().toString(), closed));
    }

    private void forecastFull(FillReading reading, FillForecaster.Forecast f) {
        if (f.fullAt() == null || f.fullAt().isAfter(reading.time().plus(forecast.leadTime(reading.carrierId())))) {
            return;
        }
        String reason = String.format(java.util.Locale.ROOT, "fill rate %.1f pp/h, level %.0f %%, full at %s%s",
                f.ratePerHour(), f.level(), f.fullAt(), f.profiled() ? " (weekday-hour profile)" : "");
        Incident incident = store.insertOpen(IncidentType.FORECAST_FULL, reading.pavilionId(), reading.containerId(),
                reading.carrierId(), reading.district(), reading.fillPercent(), reading.time(),
                deadlines.deadline(IncidentType.FORECAST_FULL, reading.carrierId(), reading.time()), "forecast", reason);
        log.info("Incident {} opened: FORECAST_FULL at {}/{}: {}", incident.registrationNumber(),
                incident.pavilionId(), incident.containerId(), reason);
        events.publishEvent(new IncidentOpened(UUID.randomUUID().toString(), incident));
    }

    private void open(FillReading reading, IncidentType type, Thresholds thresholds) {
        Incident incident = store.insertOpen(type, reading.pavilionId(), reading.containerId(), reading.carrierId(),
                reading.district(), reading.fillPercent(), reading.time(),
                deadlines.deadline(type, reading.carrierId(), reading.time()), RULES,
                streakReason(type, reading, thresholds));
        log.info("Incident {} opened: {} at {}/{} ({}%)", incident.registrationNumber(), type,
                incident.pavilionId(), incident.containerId(), Math.round(reading.fillPercent()));
        events.publishEvent(new IncidentOpened(UUID.randomUUID().toString(), incident));
    }

    private void retype(Incident incident, IncidentType type, FillReading reading, Thresholds thresholds) {
        Incident updated = store.retype(incident.id(), type, reading.fillPercent(),
                deadlines.deadline(type, incident.carrierId(), incident.openedAt()), reading.time(),
                incident.type() + " -> " + type + ": " + streakReason(type, reading, thresholds));
        log.info("Incident {} is now {}", updated.registrationNumber(), type);
        events.publishEvent(new IncidentUpdated(UUID.randomUUID().toString(), updated, "type " + type));
    }

    private static String streakReason(IncidentType type, FillReading reading, Thresholds thresholds) {
        if (type == IncidentType.CONTAINER_MISSING) {
            return thresholds.consecutive() + " readings in a row without a container in its polygon";
        }
        return thresholds.consecutive() + " readings in a row " + (type == IncidentType.OVERFLOW ? "overflowing"
                : ">= " + thresholds.fullPercent() + " %") + ", last " + Math.round(reading.fillPercent()) + " %";
    }

    private Thresholds thresholds(FillReading reading) {
        return pavilions.find(reading.pavilionId())
                .flatMap(p -> p.container(reading.containerId()))
                .map(ContainerSpec::thresholds)
                .orElse(Thresholds.DEFAULT);
    }
}
