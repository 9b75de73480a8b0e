package org.fillwatch.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

import java.util.List;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class SceneRendererTest {

    private static final int W = 640;
    private static final int H = 360;

    @Test
    void sameSeedGivesSamePixelsAndOtherSeedsDiffer() {
        SceneRenderer a = new SceneRenderer(42);
        SceneRenderer b = new SceneRenderer(42);
        SceneRenderer c = new SceneRenderer(43);
        for (int i = 0; i < 3; i++) {
            SceneSpec specA = a.randomSpec(W, H);
            SceneSpec specB = b.randomSpec(W, H);
            assertThat(specB).isEqualTo(specA);
            try (RenderedScene ra = a.render(specA); RenderedScene rb = b.render(specB);
                 RenderedScene rc = c.render(c.randomSpec(W, H))) {
                assertThat(differingPixels(ra.image(), rb.image())).isZero();
                assertThat(differingPixels(ra.image(), rc.image())).isGreaterThan(W * H / 4);
            }
        }
    }

    @Test
    void rendersBgrFrameOfRequestedSizeWithTruthPolygonsInsideTheFrame() {
        SceneRenderer renderer = new SceneRenderer(7);
        for (int i = 0; i < 12; i++) {
            SceneSpec spec = renderer.randomSpec(W, H);
            try (RenderedScene scene = renderer.render(spec)) {
                assertThat(scene.image().cols()).isEqualTo(W);
                assertThat(scene.image().rows()).isEqualTo(H);
                assertThat(scene.image().type()).isEqualTo(CV_8UC3);
                assertThat(scene.containers()).hasSameSizeAs(spec.containers());
                for (ContainerTruth t : scene.containers()) {
                    assertThat(t.polygon()).hasSize(4);
                    for (double[] p : t.polygon()) {
                        assertThat(p[0]).isBetween(0.0, 1.0);
                        assertThat(p[1]).isBetween(0.0, 1.0);
                    }
                    // clockwise in image coordinates (y down): positive shoelace area
                    assertThat(signedArea(t.polygon())).isGreaterThan(0.0005);
                }
            }
        }
    }

    @Test
    void emptyOpenContainerShowsDarkInteriorAndFullOneShowsWaste() {
        SceneRenderer renderer = new SceneRenderer(3);
        int checked = 0;
        double emptySum = 0, fullSum = 0;
        for (int i = 0; i < 60 && checked < 8; i++) {
            SceneSpec spec = plainDay(renderer.randomSpec(W, H));
            int idx = firstOpenMetal(spec);
            if (idx < 0) {
                continue;
            }
            SceneSpec empty = spec.withContainer(idx, c -> c.withFill(0).withOverflowing(false).withWasteAround(false));
            SceneSpec full = spec.withContainer(idx, c -> c.withFill(1).withOverflowing(false).withWasteAround(false));
            try (RenderedScene e = renderer.render(empty); RenderedScene f = renderer.render(full)) {
                Rect rim = rimBand(e.containers().get(idx));
                emptySum += meanGrey(e.image(), rim);
                fullSum += meanGrey(f.image(), rim);
                assertThat(meanAbsDiff(e.image(), f.image(), rim)).as("scene %d: empty vs full inside the rim", i)
                        .isGreaterThan(15);
                // nothing outside the container changes with its fill
                assertThat(differingPixelsOutside(e.image(), f.image(), e.containers().get(idx))).isZero();
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
        // dark inner walls and floor against bags, boxes and paper: brighter on average
        assertThat(emptySum / checked).isLessThan(fullSum / checked - 8);
    }

    @Test
    void eachFillLevelLooksDifferentInsideTheRim() {
        SceneRenderer renderer = new SceneRenderer(11);
        SceneSpec spec = plainDay(renderer.randomSpec(W, H));
        while (firstOpenMetal(spec) < 0) {
            spec = plainDay(renderer.randomSpec(W, H));
        }
        int container = firstOpenMetal(spec);
        double[] levels = {0, 0.3, 0.6, 0.9};
        for (int i = 1; i < levels.length; i++) {
            try (RenderedScene lower = renderer.render(spec.withFill(container, levels[i - 1]));
                 RenderedScene higher = renderer.render(spec.withFill(container, levels[i]))) {
                Rect rim = rimBand(higher.containers().get(container));
                assertThat(higher.containers().get(container).fill()).isEqualTo(levels[i]);
                assertThat(differingPixels(lower.image(), higher.image(), rim))
                        .as("fill %.1f vs %.1f", levels[i - 1], levels[i]).isGreaterThan(rim.area() / 10);
            }
        }
    }

    @Test
    void absentContainerLeavesItsPlaceBareButKeepsItsPolygon() {
        SceneRenderer renderer = new SceneRenderer(5);
        SceneSpec spec = plainDay(renderer.randomSpec(W, H));
        spec = spec.withContainer(0, c -> c.withPresent(true).withWasteAround(false));
        try (RenderedScene present = renderer.render(spec);
             RenderedScene absent = renderer.render(spec.withPresent(0, false))) {
            ContainerTruth truth = absent.containers().get(0);
            assertThat(truth.present()).isFalse();
            assertThat(truth.polygon()).hasSize(4);
            Rect box = bounds(truth);
            assertThat(differingPixels(present.image(), absent.image(), box)).isGreaterThan(box.area() / 3);
        }
    }

    @Test
    void closedLidHidesTheFillAndSaysSo() {
        SceneRenderer renderer = new SceneRenderer(13);
        SceneSpec spec = plainDay(renderer.randomSpec(W, H));
        spec = spec.withContainer(0, c -> new SceneSpec.Container(c.id(), SceneSpec.ContainerType.EURO_110, c.rgb(),
                SceneSpec.Lid.CLOSED, c.x(), c.z(), 0.1, false, true, false, c.detailSeed()));
        assertThat(spec.containers().get(0).fillVisible()).isFalse();
        assertThat(spec.containers().get(0).withFill(1).withOverflowing(true).fillVisible()).isTrue();
        assertThat(spec.containers().get(0).withLid(SceneSpec.Lid.OPEN).fillVisible()).isTrue();
        try (RenderedScene low = renderer.render(spec); RenderedScene high = renderer.render(spec.withFill(0, 0.8))) {
            assertThat(differingPixels(low.image(), high.image())).isZero();
        }
    }

    @Test
    void renderingTheSameSpecAgainFromTheCachedBackgroundGivesTheSameFrame() {
        SceneRenderer renderer = new SceneRenderer(9);
        SceneSpec spec = plainDay(renderer.randomSpec(W, H));
        try (RenderedScene a = renderer.render(spec); RenderedScene b = renderer.render(spec)) {
            assertThat(differingPixels(a.image(), b.image())).isZero();
        }
    }

    @Test
    void threadsSharingARendererGetTheSamePixelsAsOneThread() throws Exception {
        SceneRenderer renderer = new SceneRenderer(17);
        List<SceneSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            specs.add(renderer.randomSpec(W, H));
        }
        List<Mat> sequential = new java.util.ArrayList<>();
        for (SceneSpec spec : specs) {
            sequential.add(renderer.render(spec).image());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<Integer>> diffs = new java.util.ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < specs.size(); i++) {
                    int index = i;
                    diffs.add(pool.submit(() -> {
                        try (RenderedScene scene = renderer.render(specs.get(index))) {
                            return differingPixels(sequential.get(index), scene.image());
                        }
                    }));
                }
            }
            for (java.util.concurrent.Future<Integer> diff : diffs) {
                assertThat(diff.get()).isZero();
            }
        } finally {
            pool.shutdown();
            sequential.forEach(Mat::close);
        }
    }

    /** Daylight, no weather, noise, blur, compression or occluders: only the containers vary. */
    static SceneSpec plainDay(SceneSpec spec) {
        SceneSpec.Conditions c = new SceneSpec.Conditions(SceneSpec.Light.DAY, SceneSpec.Weather.CLEAR, false, 0, 30,
                0, 0, SceneSpec.Cast.NONE, 0);
        return spec.withConditions(c).withOccluders(List.of()).withTimestamp(null);
    }

    private static int firstOpenMetal(SceneSpec spec) {
        for (int i = 0; i < spec.containers().size(); i++) {
            SceneSpec.Container c = spec.containers().get(i);
            if (c.type() == SceneSpec.ContainerType.OPEN_METAL_075 && c.present()) {
                return i;
            }
        }
        return -1;
    }

    /** The upper middle of the outline: where the open top (the inside) is seen. */
    static Rect rimBand(ContainerTruth t) {
        Rect b = bounds(t);
        return new Rect(b.x() + b.width() / 5, b.y() + b.height() / 10, b.width() * 3 / 5, b.height() / 4);
    }

    static Rect bounds(ContainerTruth t) {
        double x0 = 1, y0 = 1, x1 = 0, y1 = 0;
        for (double[] p : t.polygon()) {
            x0 = Math.min(x0, p[0]);
            y0 = Math.min(y0, p[1]);
            x1 = Math.max(x1, p[0]);
            y1 = Math.max(y1, p[1]);
        }
        return new Rect((int) (x0 * W), (int) (y0 * H), Math.max(2, (int) ((x1 - x0) * W)), Math.max(2, (int) ((y1 - y0) * H)));
    }

    private static double meanGrey(Mat img, Rect r) {
        try (Mat roi = img.apply(r); Mat grey = new Mat()) {
            opencv_imgproc.cvtColor(roi, grey, opencv_imgproc.COLOR_BGR2GRAY);
            return org.bytedeco.opencv.global.opencv_core.mean(grey).get(0);
        }
    }

    private static double meanAbsDiff(Mat a, Mat b, Rect r) {
        try (Mat ra = a.apply(r); Mat rb = b.apply(r); Mat diff = new Mat(); Mat grey = new Mat()) {
            absdiff(ra, rb, diff);
            opencv_imgproc.cvtColor(diff, grey, opencv_imgproc.COLOR_BGR2GRAY);
            return org.bytedeco.opencv.global.opencv_core.mean(grey).get(0);
        }
    }

    static int differingPixels(Mat a, Mat b) {
        return differingPixels(a, b, new Rect(0, 0, a.cols(), a.rows()));
    }

    static int differingPixels(Mat a, Mat b, Rect r) {
        try (Mat ra = a.apply(r); Mat rb = b.apply(r); Mat diff = new Mat(); Mat grey = new Mat()) {
            absdiff(ra, rb, diff);
            opencv_imgproc.cvtColor(diff, grey, opencv_imgproc.COLOR_BGR2GRAY);
            return countNonZero(grey);
        }
    }

    /** Pixels that differ outside the container's outline widened for heaps above the rim. */
    private static int differingPixelsOutside(Mat a, Mat b, ContainerTruth t) {
        Rect box = bounds(t);
        try (Mat diff = new Mat(); Mat grey = new Mat();
             Scalar black = new Scalar(0);
             Rect wide = new Rect(Math.max(0, box.x() - 4), Math.max(0, box.y() - box.height() / 2),
                     Math.min(W, box.x() + box.width() + 4) - Math.max(0, box.x() - 4),
                     Math.min(H, box.y() + box.height() + 4) - Math.max(0, box.y() - box.height() / 2))) {
            absdiff(a, b, diff);
            opencv_imgproc.cvtColor(diff, grey, opencv_imgproc.COLOR_BGR2GRAY);
            try (Mat inside = grey.apply(wide)) {
                inside.put(black);
            }
            return countNonZero(grey);
        }
    }

    private static double signedArea(List<double[]> poly) {
        double s = 0;
        for (int i = 0; i < poly.size(); i++) {
            double[] p = poly.get(i), q = poly.get((i + 1) % poly.size());
            s += p[0] * q[1] - q[0] * p[1];
        }
        return s / 2;
    }
}
