package org.fillwatch.camera;

/**
 * Which cameras this instance samples. Without a bean of this type every camera is sampled (one
 * node); the cluster module provides one that follows the partition ownership of a Hazelcast
 * cluster. When the answer may have changed, publish {@link CameraAssignmentChanged}: the sampler
 * then starts the cameras it gained and stops the ones it lost.
 */
public interface CameraAssignment {

    /** Samples everything: the single-node answer. */
    CameraAssignment ALL = pavilionId -> true;

    boolean owns(String pavilionId);
}
