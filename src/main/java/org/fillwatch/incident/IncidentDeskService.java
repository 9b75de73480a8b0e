package org.fillwatch.incident;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.fillwatch.incident.IncidentRefused.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Acknowledgements by carriers and closes by operators, each in its own transaction. */
class IncidentDeskService implements IncidentDesk {

    private static final Logger log = LoggerFactory.getLogger(IncidentDeskService.class);

    private final IncidentStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IncidentDeskService(IncidentStore store, ApplicationEventPublisher events, TransactionTemplate transactions,
                        Clock clock) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Incident acknowledge(String registrationNumber, String carrierId, String by) {
        return transactions.execute(tx -> {
            Incident incident = openIncident(registrationNumber);
            if (!incident.carrierId().equals(carrierId)) {
                throw new IncidentRefused(Reason.WRONG_CARRIER, "Incident " + registrationNumber
                        + " belongs to another carrier than " + carrierId);
            }
            if (incident.acknowledgedAt() != null) {
                // QoS 1 redelivers, carriers retry: a repeated ack changes nothing and publishes nothing
                log.info("Incident {} was already acknowledged", registrationNumber);
                return incident;
            }
            Optional<Incident> recorded = store.acknowledge(incident, clock.instant(), by);
            if (recorded.isEmpty()) {
                log.info("Incident {} was acknowledged meanwhile (by another instance)", registrationNumber);
                return store.byId(incident.id());
            }
            Incident acked = recorded.get();
            log.info("Incident {} acknowledged by carrier {}{}", registrationNumber, carrierId,
                    by == null ? "" : " (" + by + ")");
            events.publishEvent(new IncidentUpdated(UUID.randomUUID().toString(), acked, "acknowledged"));
            return acked;
        });
    }

    @Override
    public Incident close(String registrationNumber, String by, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new IncidentRefused(Reason.INVALID, "An operator's close needs a comment");
        }
        String operator = by == null || by.isBlank() ? "operator" : "operator:" + by.trim();
        return transactions.execute(tx -> {
            Incident incident = openIncident(registrationNumber);
            Incident closed = store.close(incident.id(), clock.instant(), "closed by operator: " + comment.trim(),
                    operator);
            log.info("Incident {} closed by {}: {}", registrationNumber, operator, comment.trim());
            events.publishEvent(new IncidentClosed(UUID.randomUUID().toString(), closed));
            return closed;
        });
    }

    private Incident openIncident(String registrationNumber) {
        Incident incident = store.find(registrationNumber).orElseThrow(() -> new IncidentRefused(Reason.UNKNOWN,
                "No incident with registration number " + registrationNumber));
        if (!incident.status().isOpen()) {
            throw new IncidentRefused(Reason.ALREADY_RESOLVED, "Incident " + registrationNumber + " is already resolved");
        }
        return incident;
    }
}
