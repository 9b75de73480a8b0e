package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.springframework.context.ApplicationContext;

/**
 * Hands the running service a camera frame and container crops as if vision had just analysed a
 * picture, for tests that need snapshots, evidence or crops without sampling a camera.
 */
public final class SeenFrames {

    private SeenFrames() {
    }

    /** A plain 1280x720 frame of the pavilion and a crop of each container taken at {@code at}. */
    public static void show(ApplicationContext context, Pavilion pavilion, Instant at) {
        show(context, pavilion, at, () -> { });
    }

    /**
     * The same, with {@code publication} (e.g. the frame's readings) run while the frame is in
     * flight, as vision does: an incident it opens takes its evidence picture from this frame.
     */
    public static void show(ApplicationContext context, Pavilion pavilion, Instant at, Runnable publication) {
        try (Scalar grey = new Scalar(90, 120, 150, 0); Mat frame = new Mat(720, 1280, CV_8UC3, grey);
             Mat crop = new Mat(64, 64, CV_8UC3, grey)) {
            context.getBean(LatestFrames.class).whileAnalysed(pavilion, frame, at, true, publication);
            RecentCrops crops = context.getBean(RecentCrops.class);
            for (ContainerSpec container : pavilion.containers()) {
                crops.put(pavilion.id(), container.id(), at, crop);
            }
        }
    }
}
