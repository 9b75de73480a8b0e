package org.fillwatch.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.ConfigProblem;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.SamplingMode;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.junit.jupiter.api.Test;

class ReadingRecorderTest {

    private static final Pavilion PAVILION = new Pavilion("ptr-001", "Pavilion 1", "Main St. 1", "North", 54.8, 69.1,
            "carrier-a", new CameraSpec("clips/a.avi", SamplingMode.CONTINUOUS, Duration.ofSeconds(5)),
            List.of(spec("c1"), spec("c2")), "camera-config/demo/ptr-001.yaml");

    private final List<Object> published = new ArrayList<>();
    private final ReadingRecorder recorder = new ReadingRecorder(new OnePavilion(), published::add);

    @Test
    void frameBecomesReadingsWithDistrictAndCarrierOfThePavilion() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        recorder.on(new FrameAnalysed("ptr-001", t, "fill-v3", List.of(
                new ContainerEstimate("c2", 55, FillState.PARTIAL, 0.7, 0.1),
                new ContainerEstimate("c1", 85, FillState.FULL, 0.9, 0.0))));

        assertThat(published).containsExactly(new ReadingsRecorded(List.of(
                new FillReading(t, "ptr-001", "c2", "North", "carrier-a", 55, FillState.PARTIAL, 0.7, "fill-v3"),
                new FillReading(t, "ptr-001", "c1", "North", "carrier-a", 85, FillState.FULL, 0.9, "fill-v3"))));
        // in the pavilion's container order
        assertThat(recorder.ofPavilion("ptr-001")).extracting(FillReading::containerId).containsExactly("c1", "c2");
        assertThat(recorder.ofContainer("ptr-001", "c1")).map(FillReading::fillPercent).contains(85.0);
    }

    @Test
    void unknownPavilionsAndContainersAreDropped() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        recorder.on(new FrameAnalysed("nope", t, "m", List.of(new ContainerEstimate("c1", 50, FillState.PARTIAL, 1, 0))));
        recorder.on(new FrameAnalysed("ptr-001", t, "m", List.of(new ContainerEstimate("c9", 50, FillState.PARTIAL, 1, 0))));

        assertThat(published).isEmpty();
        assertThat(recorder.ofPavilion("ptr-001")).isEmpty();
        assertThat(recorder.ofPavilion("nope")).isEmpty();
    }

    @Test
    void aLateFrameDoesNotReplaceANewerReading() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        recorder.on(frame(t, 40));
        recorder.on(frame(t.minusSeconds(30), 90));
        assertThat(recorder.ofContainer("ptr-001", "c1")).map(FillReading::fillPercent).contains(40.0);
        recorder.on(frame(t.plusSeconds(30), 45));
        assertThat(recorder.ofContainer("ptr-001", "c1")).map(FillReading::fillPercent).contains(45.0);
        // every frame is still recorded for the history and the rules
        assertThat(published).hasSize(3);
    }

    private static FrameAnalysed frame(Instant at, double fill) {
        return new FrameAnalysed("ptr-001", at, "m", List.of(new ContainerEstimate("c1", fill, FillState.PARTIAL, 1, 0)));
    }

    private static ContainerSpec spec(String id) {
        return new ContainerSpec(id, "1.1 m3", List.of(new ContainerSpec.Point(0, 0), new ContainerSpec.Point(1, 0),
                new ContainerSpec.Point(1, 1), new ContainerSpec.Point(0, 1)), Thresholds.DEFAULT);
    }

    private static final class OnePavilion implements Pavilions {
        @Override
        public List<Pavilion> all() {
            return List.of(PAVILION);
        }

        @Override
        public Optional<Pavilion> find(String pavilionId) {
            return PAVILION.id().equals(pavilionId) ? Optional.of(PAVILION) : Optional.empty();
        }

        @Override
        public List<ConfigProblem> problems() {
            return List.of();
        }
    }
}
