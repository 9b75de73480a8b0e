package org.fillwatch.labelling;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One operator label of one container crop at one reading. */
record OperatorLabel(long id, String pavilionId, String containerId, Instant readingTime, String label,
                     Instant labelledAt, byte[] jpeg) {

    static final List<String> LABELS = List.of("empty", "partial", "full", "overflowing");

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Path in the class-folder layout, e.g. {@code full/ptr-001_c2_20261125T101500.000Z.jpg}. */
    String fileName() {
        return label + "/" + pavilionId + "_" + containerId + "_" + FILE_TIME.format(readingTime) + ".jpg";
    }
}
