package org.fillwatch.reading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FrameAnalysed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns analysed frames into readings, keeps the newest reading of every container in memory and
 * hands the frame's readings on. Runs on the thread that published the frame, so readings of one
 * camera stay in capture order for the incident rules.
 */
@Component
class ReadingRecorder implements LatestReadings {

    private static final Logger log = LoggerFactory.getLogger(ReadingRecorder.class);

    private final Pavilions pavilions;
    private final ApplicationEventPublisher events;
    /** pavilion id -> container id -> newest reading. */
    private final Map<String, Map<String, FillReading>> latest = new ConcurrentHashMap<>();

    ReadingRecorder(Pavilions pavilions, ApplicationEventPublisher events) {
        this.pavilions = pavilions;
        this.events = events;
    }

    @EventListener
    void on(FrameAnalysed frame) {
        Optional<Pavilion> pavilion = pavilions.find(frame.pavilionId());
        if (pavilion.isEmpty()) {
            log.warn("Frame of unknown pavilion {} ignored", frame.pavilionId());
            return;
        }
        List<FillReading> readings = new ArrayList<>();
        for (ContainerEstimate estimate : frame.estimates()) {
            if (pavilion.get().container(estimate.containerId()).isEmpty()) {
                log.warn("Estimate for unknown container {} of pavilion {} ignored",
                        estimate.containerId(), frame.pavilionId());
                continue;
            }
            readings.add(toReading(pavilion.get(), frame, estimate));
        }
        if (readings.isEmpty()) {
            return;
        }
        Map<String, FillReading> ofPavilion = latest.computeIfAbsent(frame.pavilionId(), id -> new ConcurrentHashMap<>());
        // a late frame must not replace a newer reading
        readings.forEach(r -> ofPavilion.merge(r.containerId(), r,
                (old, neu) -> neu.time().isBefore(old.time()) ? old : neu));
        events.publishEvent(new ReadingsRecorded(readings));
    }

    static FillReading toReading(Pavilion pavilion, FrameAnalysed frame, ContainerEstimate estimate) {
        return new FillReading(frame.capturedAt(), pavilion.id(), estimate.containerId(), pavilion.district(),
                pavilion.carrierId(), estimate.fillPercent(), estimate.state(), estimate.confidence(),
                frame.modelVersion());
    }

    @Override
    public List<FillReading> ofPavilion(String pavilionId) {
        Map<String, FillReading> ofPavilion = latest.getOrDefault(pavilionId, Map.of());
        List<String> order = pavilions.find(pavilionId)
                .map(p -> p.containers().stream().map(c -> c.id()).toList())
                .orElse(List.of());
        return ofPavilion.values().stream()
                .sorted(Comparator.comparingInt((FillReading r) -> order.indexOf(r.containerId()))
                        .thenComparing(FillReading::containerId))
                .toList();
    }

    @Override
    public Optional<FillReading> ofContainer(String pavilionId, String containerId) {
        return Optional.ofNullable(latest.getOrDefault(pavilionId, Map.of()).get(containerId));
    }
}
