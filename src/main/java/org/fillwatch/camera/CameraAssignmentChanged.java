package org.fillwatch.camera;

/** The {@link CameraAssignment} may answer differently now (a member joined or left the cluster). */
public record CameraAssignmentChanged(String reason) {
}
