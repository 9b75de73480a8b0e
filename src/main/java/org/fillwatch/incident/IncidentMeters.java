package org.fillwatch.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code fillwatch_incidents{type, state}}: how many incidents the register holds now per type and
 * status. One GROUP BY serves all 24 series of a scrape: the counts are kept for a second.
 */
@Component
class IncidentMeters {

    private static final long KEEP_NANOS = 1_000_000_000L;

    private final IncidentTrends register;
    private Map<IncidentType, Map<IncidentStatus, Long>> counts = Map.of();
    private long countedAt;

    IncidentMeters(IncidentTrends register, MeterRegistry registry) {
        this.register = register;
        for (IncidentType type : IncidentType.values()) {
            for (IncidentStatus status : IncidentStatus.values()) {
                Gauge.builder("fillwatch.incidents", this, m -> m.count(type, status))
                        .description("Incidents in the register by type and status")
                        .tag("type", type.name()).tag("state", status.name()).register(registry);
            }
        }
    }

    private synchronized double count(IncidentType type, IncidentStatus status) {
        if (System.nanoTime() - countedAt > KEEP_NANOS || counts.isEmpty()) {
            Map<IncidentType, Map<IncidentStatus, Long>> fresh = new EnumMap<>(IncidentType.class);
            register.countsByTypeAndStatus().forEach(c -> fresh
                    .computeIfAbsent(c.type(), t -> new EnumMap<>(IncidentStatus.class)).put(c.status(), c.incidents()));
            counts = fresh;
            countedAt = System.nanoTime();
        }
        return counts.getOrDefault(type, Map.of()).getOrDefault(status, 0L);
    }
}
