package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    @Test
    void reframedPhotosStayInsideThePhotoAndVary() {
        double margin = 0.15;
        List<Point> whole = CdcmData.wholePhoto(margin);
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
