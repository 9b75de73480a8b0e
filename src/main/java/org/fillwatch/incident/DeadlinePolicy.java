package org.fillwatch.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The deadline of a new incident: the carrier's own duration for the type if configured, else the
 * default for the type, else the built-in default. Unknown type names fail at start-up, naming the key.
 */
final class DeadlinePolicy {

    static final Map<IncidentType, Duration> BUILT_IN = Map.of(
            IncidentType.FULL, Duration.ofHours(4),
            IncidentType.OVERFLOW, Duration.ofHours(2),
            IncidentType.FORECAST_FULL, Duration.ofHours(12),
            IncidentType.CONTAINER_MISSING, Duration.ofHours(24),
            IncidentType.CAMERA_OFFLINE, Duration.ofHours(4),
            IncidentType.CAMERA_TAMPERED, Duration.ofHours(4));

    private final Map<IncidentType, Duration> defaults = new EnumMap<>(BUILT_IN);
    private final Map<String, Map<IncidentType, Duration>> carriers = new HashMap<>();

    DeadlinePolicy(Map<String, Duration> defaults, Map<String, Map<String, Duration>> carriers) {
        this.defaults.putAll(parse("fillwatch.incidents.deadlines.default", defaults));
        if (carriers != null) {
            carriers.forEach((carrier, byType) -> this.carriers.put(carrier,
                    parse("fillwatch.incidents.deadlines.carriers." + carrier, byType)));
        }
    }

    static DeadlinePolicy of(IncidentProperties properties) {
        IncidentProperties.Deadlines d = properties.deadlines();
        return d == null ? new DeadlinePolicy(null, null) : new DeadlinePolicy(d.defaults(), d.carriers());
    }

    Duration of(IncidentType type, String carrierId) {
        Duration own = carriers.getOrDefault(carrierId, Map.of()).get(type);
        return own != null ? own : defaults.get(type);
    }

    Instant deadline(IncidentType type, String carrierId, Instant openedAt) {
        return openedAt.plus(of(type, carrierId));
    }

    private static Map<IncidentType, Duration> parse(String prefix, Map<String, Duration> byName) {
        Map<IncidentType, Duration> parsed = new EnumMap<>(IncidentType.class);
        if (byName == null) {
            return parsed;
        }
        byName.forEach((name, duration) -> {
            IncidentType type;
            try {
                type = IncidentType.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "." + name + ": unknown incident type; allowed: "
                        + java.util.Arrays.toString(IncidentType.values()));
            }
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(prefix + "." + name + ": must be a positive duration");
            }
            parsed.put(type, duration);
        });
        return parsed;
    }
}
