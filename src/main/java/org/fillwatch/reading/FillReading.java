package org.fillwatch.reading;

import java.time.Instant;
import org.fillwatch.vision.FillState;

/** One container's fill as the camera saw it at one moment. */
public record FillReading(
        Instant time,
        String pavilionId,
        String containerId,
        String district,
        String carrierId,
        double fillPercent,
        FillState state,
        double confidence,
        String modelVersion) {
}
