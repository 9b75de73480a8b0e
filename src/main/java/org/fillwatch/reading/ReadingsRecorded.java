package org.fillwatch.reading;

import java.util.List;

/** The readings taken from one frame. */
public record ReadingsRecorded(List<FillReading> readings) {

    public ReadingsRecorded {
        readings = List.copyOf(readings);
    }
}
