package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopedFileSourceTest {

    @Test
    void wallClockTimePicksTheFrameALiveCameraWouldShow() {
        assertThat(LoopedFileSource.frameAt(Duration.ZERO, 25, 50)).isZero();
        assertThat(LoopedFileSource.frameAt(Duration.ofMillis(39), 25, 50)).isZero();
        assertThat(LoopedFileSource.frameAt(Duration.ofMillis(40), 25, 50)).isEqualTo(1);
        assertThat(LoopedFileSource.frameAt(Duration.ofMillis(1999), 25, 50)).isEqualTo(49);
        assertThat(LoopedFileSource.frameAt(Duration.ofMillis(2000), 25, 50)).isZero();
        assertThat(LoopedFileSource.frameAt(Duration.ofMillis(2520), 25, 50)).isEqualTo(13);
        assertThat(LoopedFileSource.frameAt(Duration.ofDays(3).plusMillis(80), 25, 50)).isEqualTo(2);
        assertThat(LoopedFileSource.frameAt(Duration.ofSeconds(1), 29.97, 300)).isEqualTo(29);
    }
}
