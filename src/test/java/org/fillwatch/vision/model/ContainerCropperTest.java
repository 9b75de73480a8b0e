package org.fillwatch.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.pavilion.ContainerSpec;
import org.junit.jupiter.api.Test;

class ContainerCropperTest {

    private static final int[] RED = {0, 0, 255};
    private static final int[] GREEN = {0, 255, 0};
    private static final int[] BLUE = {255, 0, 0};
    private static final int[] WHITE = {255, 255, 255};
    private static final int[] GREY = {50, 50, 50};

    /** A grey 200x100 frame with a 64x64 square at (40, 20) of four coloured quadrants. */
    private static Mat squareFrame() {
        Mat frame = new Mat(100, 200, CV_8UC3, scalar(GREY));
        fill(frame, 40, 20, RED);
        fill(frame, 72, 20, GREEN);
        fill(frame, 72, 52, BLUE);
        fill(frame, 40, 52, WHITE);
        return frame;
    }

    private static void fill(Mat frame, int x, int y, int[] bgr) {
        try (Rect r = new Rect(x, y, 32, 32); Mat roi = new Mat(frame, r); Scalar s = scalar(bgr)) {
            roi.put(s);
        }
    }

    private static Scalar scalar(int[] bgr) {
        return new Scalar(bgr[0], bgr[1], bgr[2], 0);
    }

    private static List<ContainerSpec.Point> square() {
        return List.of(p(40 / 200.0, 20 / 100.0), p(104 / 200.0, 20 / 100.0), p(104 / 200.0, 84 / 100.0),
                p(40 / 200.0, 84 / 100.0));
    }

    private static ContainerSpec.Point p(double x, double y) {
        return new ContainerSpec.Point(x, y);
    }

    private static int[] pixel(Mat m, int x, int y) {
        try (UByteIndexer idx = m.createIndexer()) {
            return new int[] {idx.get(y, x, 0), idx.get(y, x, 1), idx.get(y, x, 2)};
        }
    }

    private static void assertColour(Mat m, int x, int y, int[] expected) {
        int[] got = pixel(m, x, y);
        for (int c = 0; c < 3; c++) {
            assertThat(Math.abs(got[c] - expected[c])).as("channel %d at (%d,%d)", c, x, y).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void axisAlignedSquareWithoutMarginComesOutPixelForPixel() {
        try (Mat frame = squareFrame(); Mat crop = new ContainerCropper(64, 0).crop(frame, square())) {
            assertThat(crop.cols()).isEqualTo(64);
            assertThat(crop.rows()).isEqualTo(64);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    int[] expected = pixel(frame, 40 + x, 20 + y);
                    assertColour(crop, x, y, expected);
                }
            }
        }
    }

    @Test
    void marginShowsTheSurroundingsAroundTheShrunkContainer() {
        // margin 1 doubles the polygon around its centre: the square fills the middle half of the crop
        try (Mat frame = squareFrame(); Mat crop = new ContainerCropper(64, 1.0).crop(frame, square())) {
            assertColour(crop, 4, 4, GREY);
            assertColour(crop, 59, 59, GREY);
            assertColour(crop, 24, 24, RED);
            assertColour(crop, 40, 24, GREEN);
            assertColour(crop, 40, 40, BLUE);
            assertColour(crop, 24, 40, WHITE);
        }
    }

    @Test
    void perspectiveTrapezoidIsRectifiedUpright() {
        // a container seen from above and in front: top edge wider than the bottom edge
        double[][] quad = {{60, 30}, {340, 50}, {290, 260}, {100, 240}};
        try (Mat frame = new Mat(300, 400, CV_8UC3, scalar(GREY))) {
            double[] c = centre(quad);
            double[][] mids = new double[4][];
            for (int i = 0; i < 4; i++) {
                double[] a = quad[i];
                double[] b = quad[(i + 1) % 4];
                mids[i] = new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2};
            }
            // each quadrant: its corner, the two adjacent edge midpoints and the centre
            int[][] colours = {RED, GREEN, BLUE, WHITE};
            for (int i = 0; i < 4; i++) {
                double[][] poly = {quad[i], mids[i], c, mids[(i + 3) % 4]};
                fillPolygon(frame, poly, colours[i]);
            }
            List<ContainerSpec.Point> polygon = new ArrayList<>();
            for (double[] q : quad) {
                polygon.add(p(q[0] / 400, q[1] / 300));
            }
            try (Mat crop = new ContainerCropper(64, 0).crop(frame, polygon)) {
                assertColour(crop, 12, 12, RED);
                assertColour(crop, 52, 12, GREEN);
                assertColour(crop, 52, 52, BLUE);
                assertColour(crop, 12, 52, WHITE);
            }
        }
    }

    private static double[] centre(double[][] quad) {
        double x = 0;
        double y = 0;
        for (double[] q : quad) {
            x += q[0] / quad.length;
            y += q[1] / quad.length;
        }
        return new double[] {x, y};
    }

    private static void fillPolygon(Mat frame, double[][] poly, int[] bgr) {
        try (Point pts = new Point(poly.length); Scalar s = scalar(bgr)) {
            for (int i = 0; i < poly.length; i++) {
                pts.position(i).x((int) Math.round(poly[i][0])).y((int) Math.round(poly[i][1]));
            }
            pts.position(0);
            opencv_imgproc.fillConvexPoly(frame, pts, poly.length, s);
        }
    }

    @Test
    void moreThanFourCornersUseTheMinimumAreaRectangle() {
        // the square's corners given in another order plus a point on its top edge
        List<ContainerSpec.Point> pentagon = List.of(p(104 / 200.0, 84 / 100.0), p(40 / 200.0, 84 / 100.0),
                p(40 / 200.0, 20 / 100.0), p(70 / 200.0, 20 / 100.0), p(104 / 200.0, 20 / 100.0));
        try (Mat frame = squareFrame(); Mat crop = new ContainerCropper(64, 0).crop(frame, pentagon)) {
            assertColour(crop, 8, 8, RED);
            assertColour(crop, 56, 8, GREEN);
            assertColour(crop, 56, 56, BLUE);
            assertColour(crop, 8, 56, WHITE);
        }
    }

    @Test
    void cornersAreOrderedClockwiseFromTopLeft() {
        double[][] ordered = ContainerCropper.clockwiseFromTopLeft(List.of(
                new double[] {0.9, 0.8}, new double[] {0.1, 0.2}, new double[] {0.2, 0.9}, new double[] {0.8, 0.1}));
        assertThat(ordered).isDeepEqualTo(new double[][] {{0.1, 0.2}, {0.8, 0.1}, {0.9, 0.8}, {0.2, 0.9}});
    }

    @Test
    void tooFewCornersAreRejected() {
        try (Mat frame = squareFrame()) {
            assertThatThrownBy(() -> new ContainerCropper(64, 0).crop(frame, List.of(p(0.1, 0.1), p(0.2, 0.2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 corners");
        }
    }

    @Test
    void shortestSideIsTheGrownPolygonsShortestEdgeInPixels() {
        // 0.3 x 0.4 of the frame, grown 15 % each way around its centre: 1.15 x as long
        List<ContainerSpec.Point> box = List.of(p(0.1, 0.1), p(0.4, 0.1), p(0.4, 0.5), p(0.1, 0.5));
        ContainerCropper cropper = new ContainerCropper(112, 0.15);
        assertThat(cropper.shortestSide(box, 1280, 720)).isCloseTo(0.4 * 1.15 * 720, within(1e-6));
        assertThat(cropper.shortestSide(box, 640, 1080)).isCloseTo(0.3 * 1.15 * 640, within(1e-6));
        // a slanted side counts by its length, not its horizontal extent
        List<ContainerSpec.Point> kite = List.of(p(0.1, 0.1), p(0.4, 0.5), p(0.1, 0.9), p(0.0, 0.5));
        assertThat(new ContainerCropper(112, 0).shortestSide(kite, 1000, 1000)).isCloseTo(Math.hypot(100, 400), within(1e-6));
    }

    /**
     * A polygon many times the crop size is shrunk by area averaging, not sampled: 1-pixel stripes
     * average to grey. A bare bilinear warp at this factor picks single stripes and aliases into
     * black and white bands.
     */
    @Test
    void aLargePolygonIsAveragedNotSampled() {
        try (Mat frame = new Mat(1000, 1000, CV_8UC3, scalar(GREY))) {
            try (UByteIndexer px = frame.createIndexer()) {
                for (int y = 0; y < 1000; y++) {
                    for (int x = 0; x < 1000; x++) {
                        int v = x % 2 == 0 ? 0 : 255;
                        px.put(y, x, 0, v).put(y, x, 1, v).put(y, x, 2, v);
                    }
                }
            }
            List<ContainerSpec.Point> big = List.of(p(0.1, 0.1), p(0.9, 0.1), p(0.9, 0.9), p(0.1, 0.9));
            try (Mat crop = new ContainerCropper(112, 0.1).crop(frame, big); Mat mean = new Mat(); Mat deviation = new Mat()) {
                org.bytedeco.opencv.global.opencv_core.meanStdDev(crop, mean, deviation);
                assertThat(mean.ptr().getDouble()).isCloseTo(127.5, within(4.0));
                assertThat(deviation.ptr().getDouble()).as("stripes averaged away").isLessThan(8);
            }
        }
    }

    /** The shrink first, then warp path cuts out the same place as a plain warp of a smaller frame. */
    @Test
    void aLargePolygonIsCutWhereASmallOneIs() {
        try (Mat small = squareFrame(); Mat large = new Mat();
             org.bytedeco.opencv.opencv_core.Size size = new org.bytedeco.opencv.opencv_core.Size(1600, 800)) {
            opencv_imgproc.resize(small, large, size, 0, 0, opencv_imgproc.INTER_NEAREST);
            ContainerCropper cropper = new ContainerCropper(64, 0.5);
            try (Mat fromSmall = cropper.crop(small, square()); Mat fromLarge = cropper.crop(large, square());
                 Mat difference = new Mat()) {
                org.bytedeco.opencv.global.opencv_core.absdiff(fromSmall, fromLarge, difference);
                org.bytedeco.opencv.opencv_core.Scalar mean = org.bytedeco.opencv.global.opencv_core.mean(difference);
                for (int c = 0; c < 3; c++) {
                    assertThat(mean.get(c)).as("mean difference, channel %d", c).isLessThan(3);
                }
                assertColour(fromLarge, 20, 20, RED);
                assertColour(fromLarge, 43, 43, BLUE);
                assertColour(fromLarge, 2, 2, GREY);
            }
        }
    }
}
