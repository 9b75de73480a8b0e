package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.Test;

/**
 * The hook the cluster module uses: the sampler runs only the cameras its {@link CameraAssignment}
 * owns, and on {@link CameraAssignmentChanged} starts the gained ones and releases the lost ones.
 */
class CameraAssignmentTest {

    @Test
    void samplesOnlyOwnedCamerasAndFollowsChanges() {
        List<Pavilion> all = List.of(pavilion("p1"), pavilion("p2"), pavilion("p3"));
        Pavilions registry = CameraRig.registry(all);
        List<Object> events = new CopyOnWriteArrayList<>();
        Set<String>[] owned = new Set[] {Set.of("p1", "p2")};
        CameraSampler sampler = new CameraSampler(registry, CameraRig.properties(1), List::of, Clock.systemUTC(),
                events::add, id -> owned[0].contains(id));
        try {
            sampler.start();
            assertThat(sampler.all()).extracting(CameraStatus::pavilionId).containsExactly("p1", "p2");

            owned[0] = Set.of("p2", "p3");
            sampler.reassign();
            assertThat(sampler.all()).extracting(CameraStatus::pavilionId).containsExactly("p2", "p3");
            assertThat(events).filteredOn(CameraReleased.class::isInstance)
                    .extracting(e -> ((CameraReleased) e).pavilionId()).containsExactly("p1");

            sampler.reassign(); // nothing changed: nothing started or released
            assertThat(events).filteredOn(CameraReleased.class::isInstance).hasSize(1);
            assertThat(sampler.find("p1")).isEmpty();
        } finally {
            sampler.stop();
        }
    }

    private static Pavilion pavilion(String id) {
        // a file that is not there: the camera fails and backs off, which is all this test needs
        return CameraRig.pavilion(id, "target/no-such-clip-" + id + ".avi", SamplingMode.BURST, Duration.ofSeconds(1),
                null);
    }
}
