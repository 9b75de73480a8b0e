package org.fillwatch.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The evidence pictures stored for incidents (container crop at opening and at resolution). */
public interface EvidenceFiles {

    /** @param name file name, e.g. {@code opened-20261125T100000Z.jpg} */
    record EvidenceFile(String name, long bytes, Instant storedAt) {
    }

    /** Oldest first; empty for an unknown incident or one without pictures. */
    List<EvidenceFile> list(String registrationNumber);

    /** The JPEG bytes, or empty when there is no such picture (or the name is not a plain file name). */
    Optional<byte[]> read(String registrationNumber, String name);
}
