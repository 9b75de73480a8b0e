package org.fillwatch.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** Escalates open incidents whose deadline passed; each escalation commits with its event. */
class DeadlineCheck {

    private static final Logger log = LoggerFactory.getLogger(DeadlineCheck.class);
    private static final int BATCH = 200;

    private final IncidentStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeadlineCheck(IncidentStore store, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${fillwatch.incidents.escalation-check:1m}",
            fixedDelayString = "${fillwatch.incidents.escalation-check:1m}")
    void check() {
        escalateDue(clock.instant());
    }

    /** Escalates everything due at the given time; returns how many incidents it escalated. */
    int escalateDue(Instant now) {
        int escalated = 0;
        List<Incident> due;
        do {
            due = store.dueForEscalation(now, BATCH);
            for (Incident incident : due) {
                Incident done = transactions.execute(tx -> store.escalate(incident, now).map(e -> {
                    events.publishEvent(new IncidentEscalated(UUID.randomUUID().toString(), e));
                    return e;
                }).orElse(null));
                if (done == null) {
                    continue; // another instance escalated it first, or it was resolved meanwhile
                }
                log.warn("Incident {} escalated: deadline {} passed ({} {}/{})", done.registrationNumber(),
                        done.deadline(), done.type(), done.pavilionId(), done.containerId());
                escalated++;
            }
        } while (due.size() == BATCH);
        return escalated;
    }
}
