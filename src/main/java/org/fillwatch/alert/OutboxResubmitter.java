package org.fillwatch.alert;

import java.time.Duration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/** Tries undelivered alerts again, e.g. once the broker is back after an outage. */
class OutboxResubmitter {

    private final IncompleteEventPublications incomplete;
    private final Duration minimumAge;

    OutboxResubmitter(IncompleteEventPublications incomplete, Duration minimumAge) {
        this.incomplete = incomplete;
        this.minimumAge = minimumAge;
    }

    // only publications older than one interval: younger ones may still be on their first attempt
    @Scheduled(initialDelayString = "${fillwatch.mqtt.resubmit-interval:30s}",
            fixedDelayString = "${fillwatch.mqtt.resubmit-interval:30s}")
    void resubmit() {
        incomplete.resubmitIncompletePublicationsOlderThan(minimumAge);
    }
}
