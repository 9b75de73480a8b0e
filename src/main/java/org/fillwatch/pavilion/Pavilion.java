package org.fillwatch.pavilion;

import java.util.List;
import java.util.Optional;

/**
 * A fenced site of 2-6 containers watched by one camera.
 *
 * @param source the file the pavilion was read from, for messages that must point at it
 */
public record Pavilion(
        String id,
        String name,
        String address,
        String district,
        double latitude,
        double longitude,
        String carrierId,
        CameraSpec camera,
        List<ContainerSpec> containers,
        String source) {

    public Pavilion {
        containers = List.copyOf(containers);
    }

    public Optional<ContainerSpec> container(String containerId) {
        return containers.stream().filter(c -> c.id().equals(containerId)).findFirst();
    }
}
