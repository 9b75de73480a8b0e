package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fillwatch.incident.IncidentRules.Action.CLOSE;
import static org.fillwatch.incident.IncidentRules.Action.CLOSE_MISSING;
import static org.fillwatch.incident.IncidentRules.Action.OPEN_MISSING;
import static org.fillwatch.incident.IncidentRules.Action.NONE;
import static org.fillwatch.incident.IncidentRules.Action.OPEN_FULL;
import static org.fillwatch.incident.IncidentRules.Action.OPEN_OVERFLOW;
import static org.fillwatch.incident.IncidentRules.Action.UPGRADE_TO_FULL;
import static org.fillwatch.incident.IncidentRules.Action.UPGRADE_TO_OVERFLOW;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {

    private final IncidentRules rules = new IncidentRules();
    private final Thresholds thresholds = new Thresholds(80, 30, 3);
    /** What the register would hold: the open incident's type, as the keeper passes it. */
    private IncidentType open;

    private IncidentRules.Action feed(double fill, FillState state) {
        return feed("p1", "c1", fill, state);
    }

    private IncidentRules.Action feed(String pavilion, String container, double fill, FillState state) {
        FillReading r = new FillReading(Instant.now(), pavilion, container, "Centre", "carrier-a", fill, state, 0.9, "m1");
        IncidentRules.Action action = rules.apply(r, thresholds, open);
        switch (action) {
            case OPEN_FULL, UPGRADE_TO_FULL -> open = IncidentType.FULL;
            case OPEN_OVERFLOW, UPGRADE_TO_OVERFLOW -> open = IncidentType.OVERFLOW;
            case OPEN_MISSING -> open = IncidentType.CONTAINER_MISSING;
            case CLOSE, CLOSE_MISSING -> open = null;
            case NONE -> { }
        }
        return action;
    }

    private List<IncidentRules.Action> feedAll(double... fills) {
        List<IncidentRules.Action> actions = new ArrayList<>();
        for (double fill : fills) {
            actions.add(feed(fill, fill >= 80 ? FillState.FULL : FillState.PARTIAL));
        }
        return actions;
    }

    @Test
    void opensAfterNConsecutiveReadingsAtOrAboveThreshold() {
        assertThat(feedAll(80, 85, 90)).containsExactly(NONE, NONE, OPEN_FULL);
        assertThat(open).isEqualTo(IncidentType.FULL);
    }

    @Test
    void belowThresholdDoesNotCount() {
        assertThat(feedAll(79.9, 79.9, 79.9, 79.9)).containsOnly(NONE);
    }

    @Test
    void singleOutlierDoesNotOpen() {
        assertThat(feedAll(20, 95, 20, 25, 95, 30)).containsOnly(NONE);
        // a high outlier interrupted by a normal reading starts counting again
        assertThat(feedAll(90, 90, 40, 90, 90)).containsOnly(NONE);
        assertThat(feed(90, FillState.FULL)).isEqualTo(OPEN_FULL);
    }

    @Test
    void unknownReadingsNeitherBreakNorExtendAStreak() {
        assertThat(feed(90, FillState.FULL)).isEqualTo(NONE);
        assertThat(feed(10, FillState.UNKNOWN)).isEqualTo(NONE);
        assertThat(feed(95, FillState.UNKNOWN)).isEqualTo(NONE);
        assertThat(feed(90, FillState.FULL)).isEqualTo(NONE);
        assertThat(feed(95, FillState.UNKNOWN)).isEqualTo(NONE);
        assertThat(feed(90, FillState.FULL)).isEqualTo(OPEN_FULL);
    }

    @Test
    void overflowingOpensAnOverflowIncident() {
        assertThat(feed(100, FillState.OVERFLOWING)).isEqualTo(NONE);
        assertThat(feed(100, FillState.OVERFLOWING)).isEqualTo(NONE);
        assertThat(feed(100, FillState.OVERFLOWING)).isEqualTo(OPEN_OVERFLOW);
    }

    @Test
    void overflowSeenOnAFullIncidentUpgradesItInsteadOfOpeningAnother() {
        feedAll(90, 90, 90);
        assertThat(open).isEqualTo(IncidentType.FULL);
        assertThat(feed(100, FillState.OVERFLOWING)).isEqualTo(NONE);
        assertThat(feed(100, FillState.OVERFLOWING)).isEqualTo(NONE);
        assertThat(feed(100, FillState.OVERFLOWING)).isEqualTo(UPGRADE_TO_OVERFLOW);
        assertThat(feed(100, FillState.OVERFLOWING)).isEqualTo(NONE);
    }

    @Test
    void noSecondIncidentWhileOneIsOpen() {
        assertThat(feedAll(90, 90, 90, 90, 90, 90, 90)).containsExactly(NONE, NONE, OPEN_FULL, NONE, NONE, NONE, NONE);
    }

    @Test
    void closesAfterNConsecutiveEmptiedReadings() {
        feedAll(90, 90, 90);
        assertThat(feedAll(30, 10, 50, 5, 0)).containsExactly(NONE, NONE, NONE, NONE, NONE);
        assertThat(feed(12, FillState.EMPTY)).isEqualTo(CLOSE);
        assertThat(open).isNull();
    }

    @Test
    void afterClosingAFreshStreakIsNeededToOpenAgain() {
        feedAll(90, 90, 90, 10, 10, 10);
        assertThat(open).isNull();
        assertThat(feedAll(90, 90)).containsOnly(NONE);
        assertThat(feed(90, FillState.FULL)).isEqualTo(OPEN_FULL);
    }

    @Test
    void emptiedReadingsWithoutAnOpenIncidentDoNothing() {
        assertThat(feedAll(0, 0, 0, 0)).containsOnly(NONE);
    }

    @Test
    void containersAreCountedSeparately() {
        feed("p1", "c1", 90, FillState.FULL);
        feed("p1", "c2", 90, FillState.FULL);
        feed("p2", "c1", 90, FillState.FULL);
        feed("p1", "c1", 90, FillState.FULL);
        assertThat(feed("p1", "c2", 10, FillState.EMPTY)).isEqualTo(NONE);
        assertThat(feed("p1", "c1", 90, FillState.FULL)).isEqualTo(OPEN_FULL);
    }

    @Test
    void perContainerThresholdsApply() {
        Thresholds strict = new Thresholds(60, 20, 2);
        FillReading r = new FillReading(Instant.now(), "p9", "c1", "d", "c", 65, FillState.PARTIAL, 0.9, "m");
        assertThat(rules.apply(r, strict, null)).isEqualTo(NONE);
        assertThat(rules.apply(r, strict, null)).isEqualTo(OPEN_FULL);
    }

    @Test
    void hysteresisBetweenTheThresholdsNeitherOpensNorCloses() {
        assertThat(feedAll(79, 50, 31, 79, 31, 50)).containsOnly(NONE);
        feedAll(90, 90, 90);
        assertThat(feedAll(79, 50, 31, 79, 31, 50, 60, 45, 31)).containsOnly(NONE);
        assertThat(open).isEqualTo(IncidentType.FULL);
    }

    @Test
    void aForecastThatComesTrueBecomesFullOrOverflow() {
        open = IncidentType.FORECAST_FULL;
        assertThat(feedAll(70, 85, 88)).containsOnly(NONE);
        assertThat(feed(90, FillState.FULL)).isEqualTo(UPGRADE_TO_FULL);
        open = IncidentType.FORECAST_FULL;
        rules.apply(reading(100, FillState.OVERFLOWING), thresholds, open);
        rules.apply(reading(100, FillState.OVERFLOWING), thresholds, open);
        assertThat(rules.apply(reading(100, FillState.OVERFLOWING), thresholds, open)).isEqualTo(UPGRADE_TO_OVERFLOW);
    }

    private static FillReading reading(double fill, FillState state) {
        return new FillReading(Instant.now(), "p1", "c1", "Centre", "carrier-a", fill, state, 0.9, "m1");
    }

    @Test
    void absentReadingsOpenContainerMissingAfterKInARowAndSightingsResolveIt() {
        assertThat(feed(50, FillState.ABSENT)).isEqualTo(NONE);
        assertThat(feed(50, FillState.ABSENT)).isEqualTo(NONE);
        assertThat(feed(50, FillState.UNKNOWN)).as("unknown neither breaks nor extends").isEqualTo(NONE);
        assertThat(feed(50, FillState.ABSENT)).isEqualTo(OPEN_MISSING);
        assertThat(open).isEqualTo(IncidentType.CONTAINER_MISSING);
        assertThat(feed(10, FillState.EMPTY)).isEqualTo(NONE);
        assertThat(feed(50, FillState.ABSENT)).as("a single sighting does not resolve it").isEqualTo(NONE);
        assertThat(feed(10, FillState.EMPTY)).isEqualTo(NONE);
        assertThat(feed(10, FillState.EMPTY)).isEqualTo(NONE);
        assertThat(feed(10, FillState.EMPTY)).isEqualTo(CLOSE_MISSING);
        assertThat(open).isNull();
    }

    @Test
    void aSingleAbsentReadingBreaksNoFillStreakAndOpensNothing() {
        assertThat(feedAll(85, 85)).containsOnly(NONE);
        assertThat(feed(0, FillState.ABSENT)).isEqualTo(NONE);
        assertThat(feedAll(85)).containsExactly(OPEN_FULL);
    }

    @Test
    void absentNeverClosesAnOpenFillIncidentNorOpensMissingOverIt() {
        assertThat(feedAll(85, 85, 85)).endsWith(OPEN_FULL);
        for (int i = 0; i < 6; i++) {
            assertThat(feed(0, FillState.ABSENT)).isEqualTo(NONE);
        }
        assertThat(open).isEqualTo(IncidentType.FULL);
    }

    @Test
    void missingIncidentIsNotClosedAsEmptiedAndAFullReturnOpensFullAfterwards() {
        for (int i = 0; i < 3; i++) {
            feed(0, FillState.ABSENT);
        }
        assertThat(open).isEqualTo(IncidentType.CONTAINER_MISSING);
        assertThat(feedAll(90, 90)).containsOnly(NONE);
        assertThat(feedAll(90)).containsExactly(CLOSE_MISSING);
        assertThat(feedAll(90)).as("the fill streak counted on while it was missing").containsExactly(OPEN_FULL);
    }
}
