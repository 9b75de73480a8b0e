package org.fillwatch.reading;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.fillwatch.vision.FillState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@code fillwatch_readings_total{state}}: every reading taken, by the state the model gave it. */
@Component
class ReadingMeters {

    private final Map<FillState, Counter> byState = new EnumMap<>(FillState.class);

    ReadingMeters(MeterRegistry registry) {
        for (FillState state : FillState.values()) {
            byState.put(state, Counter.builder("fillwatch.readings").description("Fill readings by state")
                    .tag("state", state.name()).register(registry));
        }
    }

    @EventListener
    void on(ReadingsRecorded recorded) {
        recorded.readings().forEach(r -> byState.get(r.state()).increment());
    }
}
