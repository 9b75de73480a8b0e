package org.fillwatch.pavilion;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A fenced site of 2-6 containers watched by one camera.
 *
 * @param source the file the pavilion was read from, for messages that must point at it
 * @param model  the folder of this site's own fill-level model (YAML key {@code model}), or null
 *               for the service's default model
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
        String source,
        Path model) {

    public Pavilion {
        containers = List.copyOf(containers);
    }

    /** A pavilion that uses the service's default model. */
    public Pavilion(String id, String name, String address, String district, double latitude, double longitude,
                    String carrierId, CameraSpec camera, List<ContainerSpec> containers, String source) {
        this(id, name, address, district, latitude, longitude, carrierId, camera, containers, source, null);
    }

    public Optional<ContainerSpec> container(String containerId) {
        return containers.stream().filter(c -> c.id().equals(containerId)).findFirst();
    }
}
