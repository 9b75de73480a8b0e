package org.fillwatch.pavilion;

/** How one sample is taken from a camera. */
public enum SamplingMode {
    /** One HTTP request for a JPEG per sample. */
    SNAPSHOT,
    /** Connect, take the first decodable frame, disconnect. The default for network streams. */
    BURST,
    /** Keep the stream open between samples (local files, short intervals). */
    CONTINUOUS
}
