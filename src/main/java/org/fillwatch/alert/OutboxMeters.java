package org.fillwatch.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code fillwatch_outbox_backlog}: event publications (alerts to carriers, webhooks) not yet
 * completed. It grows while the broker or a webhook is down and should fall back to 0 after.
 */
@Component
class OutboxMeters {

    private final JdbcClient jdbc;

    OutboxMeters(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("fillwatch.outbox.backlog", this, OutboxMeters::backlog)
                .description("Incomplete event publications in the transactional outbox").register(registry);
    }

    private double backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
                .query(Long.class).single();
    }
}
