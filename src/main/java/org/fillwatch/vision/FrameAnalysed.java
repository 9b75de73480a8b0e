package org.fillwatch.vision;

import java.time.Instant;
import java.util.List;

/** Published once per analysed frame with the estimates of all its containers. */
public record FrameAnalysed(String pavilionId, Instant capturedAt, String modelVersion,
                            List<ContainerEstimate> estimates) {

    public FrameAnalysed {
        estimates = List.copyOf(estimates);
    }
}
