package org.fillwatch.scene;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A rendered frame (BGR, 8 bit, the spec's width x height) and the truth about its containers.
 * The image holds native memory: close the scene when done with it.
 */
public record RenderedScene(Mat image, List<ContainerTruth> containers) implements AutoCloseable {

    public RenderedScene {
        containers = List.copyOf(containers);
    }

    @Override
    public void close() {
        image.close();
    }
}
