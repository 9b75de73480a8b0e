package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2);

    @Test
    void doublesFromTheBaseUpToTheMaximum() {
        assertThat(backoff.delay(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(5, () -> 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(9, () -> 0.5)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.delay(10, () -> 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(10_000, () -> 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterSpreadsEachWaitByTheConfiguredFraction() {
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.delay(3, () -> 1.0)).isEqualTo(Duration.ofMillis(4800));
        assertThat(backoff.delay(20, () -> 1.0)).isEqualTo(Duration.ofSeconds(360));
    }
}
