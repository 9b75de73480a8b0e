package org.fillwatch.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo story that the service's incidents are shown with. */
class DemoPavilionsTest {

    private final List<DemoPavilion> pavilions = DemoPavilions.all(960, 540);

    @Test
    void centreFillsOverflowsAndIsEmptiedByTheTruck() {
        DemoPavilion p = pavilions.get(0);
        assertThat(fill(p, 1, 10)).isLessThan(0.8);
        assertThat(fill(p, 1, 40)).isGreaterThanOrEqualTo(0.97);
        assertThat(p.at(50, 100).containers().get(1).overflowing()).isFalse();
        assertThat(p.at(56, 112).containers().get(1).overflowing()).isTrue();
        assertThat(p.at(62, 124).containers().get(1).wasteAround()).isTrue();
        assertThat(p.at(87, 174).occluders()).extracting(SceneSpec.Occluder::type).contains(SceneSpec.OccluderType.TRUCK);
        for (int c = 0; c < 4; c++) {
            assertThat(fill(p, c, 80)).isGreaterThan(fill(p, c, 95));
            assertThat(fill(p, c, 95)).isLessThan(0.15);
            assertThat(fill(p, c, 119.5)).isLessThan(0.15);
        }
        assertThat(p.at(95, 190).containers().get(1).overflowing()).isFalse();
        assertThat(p.at(100, 200).occluders()).noneMatch(o -> o.type() == SceneSpec.OccluderType.TRUCK);
    }

    @Test
    void otherPavilionsFillSlowlyToAboutTwoThirds() {
        for (DemoPavilion p : pavilions.subList(1, 3)) {
            double max = 0;
            for (int c = 0; c < p.base().containers().size(); c++) {
                max = Math.max(max, fill(p, c, 119.5));
                assertThat(fill(p, c, 119.5)).isGreaterThanOrEqualTo(fill(p, c, 0));
            }
            assertThat(max).isBetween(0.6, 0.72);
        }
        assertThat(pavilions.get(1).base().site().ground()).isEqualTo(SceneSpec.Ground.SNOW);
        assertThat(pavilions.get(2).base().conditions().light()).isEqualTo(SceneSpec.Light.DUSK);
    }

    @Test
    void framesOfAClipShareEverythingButWhatTheStoryChanges() {
        DemoPavilion p = pavilions.get(0);
        SceneSpec a = p.at(10, 20), b = p.at(30, 60);
        assertThat(b.camera()).isEqualTo(a.camera());
        assertThat(b.site()).isEqualTo(a.site());
        assertThat(b.seed()).isEqualTo(a.seed());
        assertThat(b.noiseSeed()).isNotEqualTo(a.noiseSeed());
        assertThat(a.timestamp()).isEqualTo("CAM PTR-001  2026-11-24 07:00:00");
    }

    private static double fill(DemoPavilion p, int container, double t) {
        return p.at(t, (int) (t * 2)).containers().get(container).fill();
    }
}
