package org.fillwatch.vision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.camera.FrameHandler;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.vision.model.ContainerCropper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Turns each sampled frame into one {@link FrameAnalysed} event: every container polygon of the
 * pavilion is cut out and rectified, all crops go through the model in one batch. A container
 * whose polygon cannot be cropped is left out (and logged), a failing model skips the frame:
 * neither stops the camera.
 */
@Component
class FrameAnalyzer implements FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameAnalyzer.class);

    private final SiteModels models;
    private final FrameQuality quality;
    private final ApplicationEventPublisher events;
    private final RecentCrops recentCrops;
    private final ViewGuard viewGuard;
    private final LatestFrames latestFrames;
    /** fillwatch_inference_seconds{batch}; null without metrics (tests, commands). */
    private MeterRegistry meters;
    private final java.util.Map<Integer, Timer> inferenceTimers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Frames are not taken narrower than this (frame quality is measured at 640 px; operators' pictures). */
    private int minFrameWidth = FrameQuality.WORK_WIDTH;

    @Autowired
    FrameAnalyzer(SiteModels models, FrameQuality quality, ApplicationEventPublisher events, RecentCrops recentCrops,
                  ViewGuard viewGuard, LatestFrames latestFrames, ObjectProvider<MeterRegistry> meters,
                  @Value("${fillwatch.vision.min-frame-width:640}") int minFrameWidth) {
        this(models, quality, events, recentCrops, viewGuard, latestFrames);
        this.meters = meters.getIfAvailable();
        if (minFrameWidth < 1) {
            throw new IllegalArgumentException("fillwatch.vision.min-frame-width must be at least 1, got " + minFrameWidth);
        }
        this.minFrameWidth = minFrameWidth;
    }

    FrameAnalyzer(SiteModels models, FrameQuality quality, ApplicationEventPublisher events, RecentCrops recentCrops,
                  ViewGuard viewGuard, LatestFrames latestFrames) {
        this.models = models;
        this.quality = quality;
        this.events = events;
        this.recentCrops = recentCrops;
        this.viewGuard = viewGuard;
        this.latestFrames = latestFrames;
    }

    FrameAnalyzer(SiteModels models, FrameQuality quality, ApplicationEventPublisher events, RecentCrops recentCrops) {
        this(models, quality, events, recentCrops, new ViewGuard(TamperSettings.defaults(), events), new LatestFrames());
    }

    FrameAnalyzer(FillModel model, FrameQuality quality, ApplicationEventPublisher events) {
        this(new SiteModels(model, 0.5, 1), quality, events, new RecentCrops(1, 100));
    }

    /** The model's time for one frame's crops, tagged with the batch size (crops per call). */
    private void recordInference(int batch, long nanos) {
        if (meters != null) {
            // one timer per batch size, looked up once: this runs for every frame
            inferenceTimers.computeIfAbsent(batch, b -> Timer.builder("fillwatch.inference")
                    .description("Fill-level model time per batch of container crops")
                    .tag("batch", Integer.toString(b)).register(meters)).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The largest reduction that keeps the frame at least {@code min-frame-width} wide and every
     * container's crop made by shrinking, not enlarging (ContainerCropper#shortestSide): the model's
     * input then holds the same detail as from the full frame. Going below costs on real photos:
     * the 206 held-out CDCM photos shrunk to 150 px read 0.888 dirty-vs-clean, to 75 px 0.874; to
     * 112 px 0.908, to 56 px 0.854 (docs/performance.md, "Session 11").
     */
    @Override
    public int reduction(Pavilion pavilion, int width, int height) {
        return reduction(models.forPavilion(pavilion).cropper(),
                pavilion.containers().stream().map(ContainerSpec::polygon).toList(), width, height, minFrameWidth);
    }

    /** The rule itself, also applied by {@code bench-pipeline} to its frames. */
    static int reduction(ContainerCropper cropper, List<List<ContainerSpec.Point>> polygons, int width, int height,
                         int minFrameWidth) {
        double shortest = Double.MAX_VALUE;
        for (List<ContainerSpec.Point> polygon : polygons) {
            shortest = Math.min(shortest, cropper.shortestSide(polygon, width, height));
        }
        for (int r = 8; r > 1; r /= 2) {
            if (width / r >= minFrameWidth && shortest / r >= cropper.size()) {
                return r;
            }
        }
        return 1;
    }

    @Override
    public void onFrame(Pavilion pavilion, Instant capturedAt, Mat frame) {
        List<CropInput> crops = new ArrayList<>();
        try {
            FillModel model = models.forPavilion(pavilion);
            // a tampered view (black, blurred, frozen, moved) says nothing about its containers
            boolean usable = quality.usable(frame);
            usable = viewGuard.check(pavilion, capturedAt, frame, usable) == ViewCheck.Verdict.GOOD && usable;
            for (ContainerSpec container : pavilion.containers()) {
                try {
                    crops.add(new CropInput(container.id(), model.cropper().crop(frame, container.polygon()), usable));
                } catch (RuntimeException e) {
                    log.warn("pavilion {} ({}): container {} cannot be cropped: {}", pavilion.id(), pavilion.source(),
                            container.id(), e.getMessage());
                }
            }
            long started = System.nanoTime();
            List<ContainerEstimate> estimates = model.predict(crops);
            recordInference(crops.size(), System.nanoTime() - started);
            // kept for operators' labels: the crop exactly as the model saw it for this reading
            crops.forEach(c -> recentCrops.put(pavilion.id(), c.containerId(), capturedAt, c.crop()));
            // the incident these readings may open or close takes its evidence picture from this frame
            FrameAnalysed analysed = new FrameAnalysed(pavilion.id(), capturedAt, model.version(), estimates);
            latestFrames.whileAnalysed(pavilion, frame, capturedAt, usable, () -> events.publishEvent(analysed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("pavilion {}: frame of {} not analysed: {}", pavilion.id(), capturedAt, e.toString(), e);
        } finally {
            crops.forEach(c -> c.crop().close());
        }
    }
}
