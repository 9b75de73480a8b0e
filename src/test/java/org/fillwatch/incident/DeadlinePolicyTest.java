package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlinePolicyTest {

    private final DeadlinePolicy policy = new DeadlinePolicy(
            Map.of("full", Duration.ofHours(6), "forecast-full", Duration.ofHours(20)),
            Map.of("carrier-fast", Map.of("FULL", Duration.ofHours(1), "camera_offline", Duration.ofMinutes(30))));

    @Test
    void carrierOverrideThenConfiguredDefaultThenBuiltIn() {
        assertThat(policy.of(IncidentType.FULL, "carrier-fast")).isEqualTo(Duration.ofHours(1));
        assertThat(policy.of(IncidentType.CAMERA_OFFLINE, "carrier-fast")).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.of(IncidentType.FULL, "carrier-slow")).isEqualTo(Duration.ofHours(6));
        assertThat(policy.of(IncidentType.FORECAST_FULL, "carrier-fast")).isEqualTo(Duration.ofHours(20));
        assertThat(policy.of(IncidentType.OVERFLOW, "carrier-fast")).isEqualTo(Duration.ofHours(2));
        assertThat(policy.deadline(IncidentType.FULL, "carrier-fast", Instant.parse("2026-11-25T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
    }

    @Test
    void everyTypeHasABuiltInDeadline() {
        DeadlinePolicy builtIn = new DeadlinePolicy(null, null);
        for (IncidentType type : IncidentType.values()) {
            assertThat(builtIn.of(type, "any")).as(type.name()).isPositive();
        }
    }

    @Test
    void unknownTypeOrNonPositiveDurationNamesTheKey() {
        assertThatThrownBy(() -> new DeadlinePolicy(Map.of("fulll", Duration.ofHours(1)), null))
                .hasMessageContaining("fillwatch.incidents.deadlines.default.fulll")
                .hasMessageContaining("unknown incident type");
        assertThatThrownBy(() -> new DeadlinePolicy(null, Map.of("c1", Map.of("overflow", Duration.ZERO))))
                .hasMessageContaining("fillwatch.incidents.deadlines.carriers.c1.overflow")
                .hasMessageContaining("positive");
    }
}
