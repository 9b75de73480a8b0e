package org.fillwatch.vision;

/** What the model says about a container's contents. */
public enum FillState {
    EMPTY, PARTIAL, FULL, OVERFLOWING,
    /** Too unsure, or the picture was unusable: never opens or closes an incident. */
    UNKNOWN
}
