package org.fillwatch.vision;

/** What the model says about a container's contents. */
public enum FillState {
    EMPTY, PARTIAL, FULL, OVERFLOWING,
    /** Too unsure, or the picture was unusable: never opens or closes an incident. */
    UNKNOWN,
    /**
     * The picture was usable but no container stands in its polygon (taken away, moved): opens
     * CONTAINER_MISSING after K readings, never opens or closes a fill incident.
     */
    ABSENT
}
