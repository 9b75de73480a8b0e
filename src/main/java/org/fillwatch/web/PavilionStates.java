package org.fillwatch.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.reading.CameraBlindness;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.LatestReadings;
import org.fillwatch.vision.FillState;
import org.springframework.stereotype.Component;

/**
 * The state the map shows for a pavilion: its worst container, with the camera's blindness taken
 * into account (an offline or tampered camera makes its containers UNKNOWN), and counts per state.
 * Shared by the GeoJSON and the live stream so that a marker never flips between two answers.
 */
@Component
class PavilionStates {

    /** Worst first: what most needs a truck, then what cannot be seen, then the rest. */
    static final List<FillState> SEVERITY = List.of(FillState.OVERFLOWING, FillState.FULL, FillState.UNKNOWN,
            FillState.ABSENT, FillState.PARTIAL, FillState.EMPTY);

    private final LatestReadings latest;
    private final CameraBlindness blindness;

    PavilionStates(LatestReadings latest, CameraBlindness blindness) {
        this.latest = latest;
        this.blindness = blindness;
    }

    record Summary(FillState worst, Map<FillState, Integer> counts) {
    }

    Summary of(Pavilion pavilion) {
        List<FillReading> readings = latest.ofPavilion(pavilion.id());
        Map<FillState, Integer> counts = new EnumMap<>(FillState.class);
        for (ContainerSpec container : pavilion.containers()) {
            FillReading r = readings.stream().filter(x -> x.containerId().equals(container.id())).findFirst().orElse(null);
            boolean blind = blindness.unknownReason(pavilion.id(), r == null ? null : r.time()).isPresent();
            FillState state = blind || r == null ? FillState.UNKNOWN : r.state();
            counts.merge(state, 1, Integer::sum);
        }
        FillState worst = SEVERITY.stream().filter(counts::containsKey).findFirst().orElse(FillState.UNKNOWN);
        return new Summary(worst, counts);
    }
}
