package org.fillwatch.timeseries;

import java.time.Instant;
import java.util.List;
import org.fillwatch.reading.FillReading;

/** Past readings, read back from whichever store is configured. */
public interface FillHistory {

    /** Every reading of [from, to), oldest first, including those recorded but still queued for the store. */
    List<FillReading> of(String pavilionId, String containerId, Instant from, Instant to);

    /**
     * The newest {@code limit} readings of [from, to) that the store holds, oldest first, without
     * waiting for those still queued: a look back from a camera worker at a container's first reading
     * after a start. Waiting for the writer there held every worker for milliseconds per container,
     * fifteen thousand times in the first minute at 5,000 cameras.
     */
    List<FillReading> lastStored(String pavilionId, String containerId, Instant from, Instant to, int limit);
}
