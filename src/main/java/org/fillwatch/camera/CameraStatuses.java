package org.fillwatch.camera;

import java.util.List;
import java.util.Optional;

/** Read access to the cameras' current status. */
public interface CameraStatuses {

    List<CameraStatus> all();

    Optional<CameraStatus> find(String pavilionId);
}
