package org.fillwatch.timeseries;

import java.time.Instant;
import java.util.List;
import org.fillwatch.reading.FillReading;

/** Past readings, read back from whichever store is configured. */
public interface FillHistory {

    List<FillReading> of(String pavilionId, String containerId, Instant from, Instant to);
}
