package org.fillwatch.incident;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.vision.FillState;

/**
 * The fill rules, as a pure state machine per container: counts agreeing readings in a row and says
 * what to do with the container's incident. Readings in state UNKNOWN are skipped entirely, so a
 * blurred frame neither breaks nor extends a streak. ABSENT readings (no container in the polygon)
 * count only towards CONTAINER_MISSING, which the container's next K sightings resolve.
 */
final class IncidentRules {

    enum Action { NONE, OPEN_FULL, OPEN_OVERFLOW, UPGRADE_TO_FULL, UPGRADE_TO_OVERFLOW, CLOSE, OPEN_MISSING, CLOSE_MISSING }

    /** Readings in a row that agree on each condition. */
    private static final class Streaks {
        int full;
        int overflow;
        int emptied;
        int absent;
        int present;
    }

    private final Map<String, Streaks> streaks = new ConcurrentHashMap<>();

    /** Drops the streaks of every container of the pavilion. */
    void forget(String pavilionId) {
        streaks.keySet().removeIf(key -> key.startsWith(pavilionId + "/"));
    }

    /**
     * @param openType the type of the container's open incident, or null when none is open
     */
    Action apply(FillReading reading, Thresholds thresholds, IncidentType openType) {
        if (reading.state() == FillState.UNKNOWN) {
            return Action.NONE;
        }
        Streaks s = streaks.computeIfAbsent(reading.pavilionId() + "/" + reading.containerId(), k -> new Streaks());
        synchronized (s) {
            int needed = Math.max(1, thresholds.consecutive());
            if (reading.state() == FillState.ABSENT) {
                // no container, no fill: the fill streaks stay as they were
                s.absent++;
                s.present = 0;
                return openType == null && s.absent >= needed ? Action.OPEN_MISSING : Action.NONE;
            }
            s.absent = 0;
            s.present++;
            boolean overflowing = reading.state() == FillState.OVERFLOWING;
            boolean full = overflowing || reading.fillPercent() >= thresholds.fullPercent();
            boolean emptied = !overflowing && reading.fillPercent() <= thresholds.emptiedPercent();
            s.full = full ? s.full + 1 : 0;
            s.overflow = overflowing ? s.overflow + 1 : 0;
            s.emptied = emptied ? s.emptied + 1 : 0;
            if (openType == IncidentType.CONTAINER_MISSING) {
                // only its return ends a missing container's incident; fill streaks count on meanwhile
                return s.present >= needed ? Action.CLOSE_MISSING : Action.NONE;
            }
            if (openType == null) {
                if (s.overflow >= needed) {
                    return Action.OPEN_OVERFLOW;
                }
                return s.full >= needed ? Action.OPEN_FULL : Action.NONE;
            }
            if (s.emptied >= needed) {
                // the next incident of this container starts counting from scratch
                s.full = 0;
                s.overflow = 0;
                s.emptied = 0;
                return Action.CLOSE;
            }
            if (openType != IncidentType.OVERFLOW && s.overflow >= needed) {
                return Action.UPGRADE_TO_OVERFLOW;
            }
            // a forecast came true: the same incident becomes FULL
            if (openType == IncidentType.FORECAST_FULL && s.full >= needed) {
                return Action.UPGRADE_TO_FULL;
            }
            return Action.NONE;
        }
    }
}
