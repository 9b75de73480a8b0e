package org.fillwatch.scene;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A demo pavilion: where it is, who collects from it, and how its scene changes over the clip
 * (one timeline per container, visits of people and trucks). The clip compresses a day: every
 * clip second advances the burnt-in clock by {@link #CLOCK_SECONDS_PER_SECOND}.
 */
record DemoPavilion(String id, String name, String address, String district, double latitude,
                    double longitude, String carrier, SceneSpec base, List<DemoTimeline> timelines,
                    List<DemoVisit> visits, LocalDateTime clockStart) {

    static final int CLOCK_SECONDS_PER_SECOND = 360;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The scene at clip time t seconds; frameIndex varies the sensor noise and weather particles. */
    SceneSpec at(double t, int frameIndex) {
        SceneSpec spec = base;
        for (int i = 0; i < timelines.size(); i++) {
            DemoTimeline line = timelines.get(i);
            double fill = line.fill(t);
            boolean overflowing = line.overflowingAt(t);
            boolean around = line.wasteAroundAt(t);
            boolean present = line.presentAt(t);
            spec = spec.withContainer(i, c -> c.withFill(fill).withOverflowing(overflowing)
                    .withWasteAround(around).withPresent(present));
        }
        List<SceneSpec.Occluder> occluders = new ArrayList<>();
        for (DemoVisit v : visits) {
            if (v.at(t)) {
                occluders.add(v.occluder(t));
            }
        }
        String stamp = "CAM " + id.toUpperCase() + "  "
                + clockStart.plusSeconds((long) (t * CLOCK_SECONDS_PER_SECOND)).format(STAMP);
        return spec.withOccluders(occluders).withTimestamp(stamp).withNoiseSeed(base.noiseSeed() + frameIndex);
    }
}
