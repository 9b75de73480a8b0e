package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    /** A BGR picture dark on the left, bright on the right, so a mirror shows. */
    private static Mat ramp(int size) {
        Mat m = new Mat(size, size, opencv_core.CV_8UC3);
        try (UByteIndexer px = m.createIndexer()) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int c = 0; c < 3; c++) {
                        px.put(y, x, c, 30 + 190 * x / size);
                    }
                }
            }
        }
        return m;
    }

    private static double leftMinusRight(Mat m) {
        try (Mat grey = new Mat()) {
            opencv_imgproc.cvtColor(m, grey, opencv_imgproc.COLOR_BGR2GRAY);
            int half = m.cols() / 2;
            try (Mat left = grey.colRange(0, half); Mat right = grey.colRange(half, 2 * half)) {
                return opencv_core.mean(left).get(0) - opencv_core.mean(right).get(0);
            }
        }
    }

    private static double mean(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    @Test
    void aTeacherAndItsStudentSeeTheSameChanges() {
        int mirrored = 0;
        Augmenter augmenter = new Augmenter(new Random(5));
        for (int draw = 0; draw < 40; draw++) {
            Mat[] both = augmenter.pixels(ramp(160), ramp(112));
            try {
                assertThat(Math.signum(leftMinusRight(both[0]))).as("draw %d", draw)
                        .isEqualTo(Math.signum(leftMinusRight(both[1])));
                mirrored += leftMinusRight(both[0]) > 0 ? 1 : 0;
            } finally {
                both[0].close();
                both[1].close();
            }
            float[] teacher = new float[3 * 160 * 160];
            float[] student = new float[3 * 112 * 112];
            java.util.Arrays.fill(teacher, 0.1f);
            java.util.Arrays.fill(student, 0.1f);
            augmenter.colours(teacher, 0, 160 * 160, student, 0, 112 * 112);
            assertThat(mean(teacher)).as("draw %d", draw).isCloseTo(mean(student), within(0.01));
        }
        assertThat(mirrored).isBetween(8, 32);
    }

    @Test
    void reframedPhotosStayInsideThePhotoAndVary() {
        double margin = 0.15;
        List<Point> whole = org.fillwatch.vision.model.ContainerCropper.wholeImage(margin);
        Augmenter augmenter = new Augmenter(new Random(3));
        Set<String> seen = new HashSet<>();
        int smaller = 0;
        for (int i = 0; i < 200; i++) {
            List<Point> p = augmenter.reframe(whole);
            double minX = p.stream().mapToDouble(Point::x).min().orElseThrow();
            double maxX = p.stream().mapToDouble(Point::x).max().orElseThrow();
            double minY = p.stream().mapToDouble(Point::y).min().orElseThrow();
            double maxY = p.stream().mapToDouble(Point::y).max().orElseThrow();
            double cx = (minX + maxX) / 2;
            double cy = (minY + maxY) / 2;
            // the cropper grows the polygon by the margin around its centre: that outline is what is cut
            double halfW = (maxX - minX) / 2 * (1 + margin);
            double halfH = (maxY - minY) / 2 * (1 + margin);
            assertThat(cx - halfW).isGreaterThan(-0.05);
            assertThat(cx + halfW).isLessThan(1.05);
            assertThat(cy - halfH).isGreaterThan(-0.05);
            assertThat(cy + halfH).isLessThan(1.05);
            assertThat(maxX - minX).isGreaterThan(0.79 * (whole.get(1).x() - whole.get(0).x()));
            if (halfW < 0.45 || halfH < 0.45) {
                smaller++;
            }
            seen.add(String.format("%.3f %.3f", minX, minY));
        }
        assertThat(smaller).isGreaterThan(50);
        assertThat(seen.size()).isGreaterThan(150);
    }
}
