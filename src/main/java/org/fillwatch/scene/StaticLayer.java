package org.fillwatch.scene;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** A painted background and the parts of a spec it depends on. */
record StaticLayer(Key key, Mat image) {

    record Key(int width, int height, long seed, SceneSpec.Camera camera, SceneSpec.Site site,
               SceneSpec.Weather weather, List<String> placements) {
    }

    static Key key(SceneSpec spec) {
        List<String> placements = spec.containers().stream()
                .map(c -> c.type() + "@" + c.x() + "," + c.z())
                .toList();
        return new Key(spec.width(), spec.height(), spec.seed(), spec.camera(), spec.site(),
                spec.conditions().weather(), placements);
    }
}
