package org.fillwatch.reading;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.fillwatch.camera.CameraCameBack;
import org.fillwatch.camera.CameraWentOffline;
import org.fillwatch.vision.ViewRestored;
import org.fillwatch.vision.ViewTampered;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tracks the cameras whose pictures cannot be trusted. Offline and tampered are tracked apart: a
 * camera may come back online with its view still covered. A reading older than the recovery does
 * not count again, since it was taken before the outage.
 */
@Component
class BlindCameras implements CameraBlindness {

    private record Blind(boolean offline, String tampered, Instant recoveredAt) {
        boolean blind() {
            return offline || tampered != null;
        }

        String reason() {
            return offline ? "camera offline" : "view tampered: " + tampered;
        }
    }

    private final ApplicationEventPublisher events;
    private final Map<String, Blind> cameras = new ConcurrentHashMap<>();

    BlindCameras(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void on(CameraWentOffline offline) {
        goBlind(offline.pavilionId(), offline.at(), b -> new Blind(true, b.tampered(), b.recoveredAt()));
    }

    @EventListener
    void on(ViewTampered tampered) {
        goBlind(tampered.pavilionId(), tampered.at(), b -> new Blind(b.offline(), tampered.reason(), b.recoveredAt()));
    }

    @EventListener
    void on(CameraCameBack back) {
        recover(back.pavilionId(), b -> new Blind(false, b.tampered(), back.at()));
    }

    @EventListener
    void on(ViewRestored restored) {
        recover(restored.pavilionId(), b -> new Blind(b.offline(), null, restored.at()));
    }

    private void goBlind(String pavilionId, Instant at, UnaryOperator<Blind> change) {
        Blind before = cameras.getOrDefault(pavilionId, new Blind(false, null, null));
        Blind after = change.apply(before);
        cameras.put(pavilionId, after);
        if (!before.blind()) {
            events.publishEvent(new ContainersUnknown(pavilionId, at, after.reason()));
        }
    }

    private void recover(String pavilionId, UnaryOperator<Blind> change) {
        cameras.computeIfPresent(pavilionId, (id, b) -> change.apply(b));
    }

    @Override
    public Optional<String> unknownReason(String pavilionId, Instant readingTime) {
        Blind b = cameras.get(pavilionId);
        if (b == null) {
            return Optional.empty();
        }
        if (b.blind()) {
            return Optional.of(b.reason());
        }
        if (readingTime != null && b.recoveredAt() != null && readingTime.isBefore(b.recoveredAt())) {
            return Optional.of("no reading since the camera recovered");
        }
        return Optional.empty();
    }
}
