package org.fillwatch.timeseries;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes the embedded store's readings older than {@code fillwatch.timeseries.embedded.retention}, if set. */
class EmbeddedRetention {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRetention.class);
    static final int CHUNK = 10_000;

    private final EmbeddedFillStore store;
    private final Duration retention;
    private final Clock clock;

    EmbeddedRetention(EmbeddedFillStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${fillwatch.timeseries.embedded.sweep:1h}",
            fixedDelayString = "${fillwatch.timeseries.embedded.sweep:1h}")
    long sweep() {
        if (retention == null) {
            return 0;
        }
        try {
            long deleted = store.deleteBefore(clock.instant().minus(retention), CHUNK);
            if (deleted > 0) {
                log.info("fill_reading: {} reading(s) older than {} deleted (fillwatch.timeseries.embedded.retention)",
                        deleted, retention);
            }
            return deleted;
        } catch (DataAccessException e) {
            log.error("fill_reading retention sweep failed, the old readings stay until the next: {}", e.getMessage());
            return 0;
        }
    }
}
