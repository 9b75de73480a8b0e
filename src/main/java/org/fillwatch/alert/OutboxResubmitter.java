package org.fillwatch.alert;

import java.time.Duration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Tries undelivered alerts again, e.g. once the broker is back after an outage, and forgets
 * delivered ones after a while so the registry table does not grow without bound.
 */
class OutboxResubmitter {

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final Duration minimumAge;
    private final Duration keepDelivered;

    OutboxResubmitter(IncompleteEventPublications incomplete, CompletedEventPublications completed,
                      Duration minimumAge, Duration keepDelivered) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.minimumAge = minimumAge;
        this.keepDelivered = keepDelivered;
    }

    // only publications older than one interval: younger ones may still be on their first attempt
    @Scheduled(initialDelayString = "${fillwatch.mqtt.resubmit-interval:30s}",
            fixedDelayString = "${fillwatch.mqtt.resubmit-interval:30s}")
    void resubmit() {
        incomplete.resubmitIncompletePublicationsOlderThan(minimumAge);
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void forgetDelivered() {
        completed.deletePublicationsOlderThan(keepDelivered);
    }
}
