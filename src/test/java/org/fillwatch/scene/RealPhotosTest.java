package org.fillwatch.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealPhotosTest {

    @TempDir
    Path photos;

    @Test
    void photoPatchesChangeTheTexturesAndStayDeterministic() throws Exception {
        writePhotos("clean", 3);
        writePhotos("dirty", 3);
        SceneRenderer procedural = new SceneRenderer(21);
        SceneRenderer withPhotos = new SceneRenderer(21, photos);
        SceneRenderer again = new SceneRenderer(21, photos);
        SceneSpec spec = SceneRendererTest.plainDay(procedural.randomSpec(320, 180));
        try (RenderedScene a = procedural.render(spec); RenderedScene b = withPhotos.render(spec);
             RenderedScene c = again.render(spec)) {
            assertThat(SceneRendererTest.differingPixels(a.image(), b.image())).isGreaterThan(320 * 180 / 10);
            assertThat(SceneRendererTest.differingPixels(b.image(), c.image())).isZero();
            assertThat(b.containers()).usingRecursiveComparison().isEqualTo(a.containers());
        }
    }

    @Test
    void folderWithoutPhotosIsRefusedNamingIt() throws Exception {
        Files.writeString(photos.resolve("notes.txt"), "no pictures here");
        assertThatThrownBy(() -> new SceneRenderer(1, photos))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(photos.toString());
    }

    /** Random-noise JPEGs stand in for photos: what matters is that their pixels reach the scene. */
    private void writePhotos(String folder, int count) throws Exception {
        Path dir = Files.createDirectories(photos.resolve(folder));
        for (int i = 0; i < count; i++) {
            try (Mat img = new Mat(240, 320, opencv_core.CV_8UC3);
                 Mat low = new Mat(1, 1, opencv_core.CV_64F, new Scalar(0));
                 Mat high = new Mat(1, 1, opencv_core.CV_64F, new Scalar(255))) {
                opencv_core.randu(img, low, high);
                opencv_imgcodecs.imwrite(dir.resolve("p" + i + ".jpg").toString(), img);
            }
        }
    }
}
