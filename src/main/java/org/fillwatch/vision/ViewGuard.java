package org.fillwatch.vision;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.Pavilion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Checks every camera's frames for tampering ({@link ViewCheck}) and reports a camera as
 * {@link ViewTampered} after {@code consecutive} tampered samples in a row ({@code moved-samples}
 * when the last one is a moved view), {@link ViewRestored} after {@code consecutive} good ones. The frame analyser reads all containers UNKNOWN from the first
 * tampered sample on, so a moved or covered view never opens or closes a fill incident.
 */
@Component
class ViewGuard {

    private static final Logger log = LoggerFactory.getLogger(ViewGuard.class);

    private static final class Camera {
        final ViewCheck check;
        int tamperedRun;
        int goodRun;
        boolean reported;

        Camera(ViewCheck check) {
            this.check = check;
        }
    }

    private final TamperSettings settings;
    private final ApplicationEventPublisher events;
    private final Map<String, Camera> cameras = new ConcurrentHashMap<>();

    ViewGuard(TamperSettings settings, ApplicationEventPublisher events) {
        this.settings = settings;
        this.events = events;
    }

    /** @return the frame's verdict; anything but GOOD means its containers cannot be read */
    ViewCheck.Verdict check(Pavilion pavilion, Instant capturedAt, Mat frame, boolean usable) {
        Camera camera = cameras.computeIfAbsent(pavilion.id(),
                id -> new Camera(new ViewCheck(settings, !isFile(pavilion))));
        ViewCheck.Verdict verdict = camera.check.check(frame, usable);
        synchronized (camera) {
            int needed = Math.max(1, settings.consecutive());
            if (verdict == ViewCheck.Verdict.GOOD) {
                camera.tamperedRun = 0;
                if (++camera.goodRun >= needed && camera.reported) {
                    camera.reported = false;
                    log.info("pavilion {}: camera view good again", pavilion.id());
                    events.publishEvent(new ViewRestored(pavilion.id(), capturedAt));
                }
            } else {
                camera.goodRun = 0;
                int report = verdict == ViewCheck.Verdict.MOVED ? Math.max(needed, settings.movedSamples()) : needed;
                if (++camera.tamperedRun >= report && !camera.reported) {
                    camera.reported = true;
                    String reason = verdict.name().toLowerCase(Locale.ROOT);
                    log.warn("pavilion {}: camera view {} for {} samples", pavilion.id(), reason, camera.tamperedRun);
                    events.publishEvent(new ViewTampered(pavilion.id(), capturedAt, reason));
                }
            }
        }
        return verdict;
    }

    /** Looped demo files repeat their pictures by design: frozen is judged on live cameras only. */
    static boolean isFile(Pavilion pavilion) {
        String url = pavilion.camera() == null ? null : pavilion.camera().url();
        return url != null && (url.startsWith("file:") || !url.contains("://"));
    }
}
