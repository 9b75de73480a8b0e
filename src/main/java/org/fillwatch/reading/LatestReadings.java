package org.fillwatch.reading;

import java.util.List;
import java.util.Optional;

/** The most recent reading of every container. */
public interface LatestReadings {

    List<FillReading> ofPavilion(String pavilionId);

    Optional<FillReading> ofContainer(String pavilionId, String containerId);
}
