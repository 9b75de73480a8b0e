package org.fillwatch.vision.training;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.pavilion.ContainerSpec.Point;

/**
 * Random changes that mimic what differs between training pictures and CCTV frames: a polygon
 * drawn a little off, mirrored sites, exposure and colour casts, infrared night pictures,
 * focus blur, sensor noise and heavy JPEG compression.
 */
final class Augmenter {

    private final Random random;

    Augmenter(Random random) {
        this.random = random;
    }

    /** Moves each corner by up to 4 % of the polygon's size. */
    List<Point> jitter(List<Point> polygon) {
        double minX = polygon.stream().mapToDouble(Point::x).min().orElseThrow();
        double maxX = polygon.stream().mapToDouble(Point::x).max().orElseThrow();
        double minY = polygon.stream().mapToDouble(Point::y).min().orElseThrow();
        double maxY = polygon.stream().mapToDouble(Point::y).max().orElseThrow();
        double dx = (maxX - minX) * 0.04;
        double dy = (maxY - minY) * 0.04;
        List<Point> out = new ArrayList<>();
        for (Point p : polygon) {
            out.add(new Point(p.x() + (random.nextDouble() * 2 - 1) * dx, p.y() + (random.nextDouble() * 2 - 1) * dy));
        }
        return out;
    }

    /**
     * A random resized crop of a whole-photo polygon: each side shrunk to 80-100 % (so the aspect
     * changes too) and the window moved at random inside the photo, the way a person might draw
     * the polygon a little tight or off-centre around a container photographed from elsewhere.
     */
    List<Point> reframe(List<Point> polygon) {
        if (random.nextDouble() < 0.3) {
            return jitter(polygon);
        }
        double minX = polygon.stream().mapToDouble(Point::x).min().orElseThrow();
        double maxX = polygon.stream().mapToDouble(Point::x).max().orElseThrow();
        double minY = polygon.stream().mapToDouble(Point::y).min().orElseThrow();
        double maxY = polygon.stream().mapToDouble(Point::y).max().orElseThrow();
        double fx = 0.8 + random.nextDouble() * 0.2;
        double fy = 0.8 + random.nextDouble() * 0.2;
        double w = (maxX - minX) * fx;
        double h = (maxY - minY) * fy;
        double x0 = minX + random.nextDouble() * (maxX - minX - w);
        double y0 = minY + random.nextDouble() * (maxY - minY - h);
        return List.of(new Point(x0, y0), new Point(x0 + w, y0), new Point(x0 + w, y0 + h), new Point(x0, y0 + h));
    }

    /** Pixel-level changes on a BGR crop; returns the crop or a replacement (the input is then closed). */
    Mat pixels(Mat crop) {
        return nextPixels().apply(crop);
    }

    /** The same pixel changes on a teacher's and a student's crop of one polygon; returns both. */
    Mat[] pixels(Mat a, Mat b) {
        PixelChange change = nextPixels();
        return new Mat[] {change.apply(a), change.apply(b)};
    }

    private PixelChange nextPixels() {
        boolean mirror = random.nextBoolean();
        int blur = random.nextDouble() < 0.2 ? (random.nextBoolean() ? 3 : 5) : 0;
        int quality = random.nextDouble() < 0.5 ? 15 + random.nextInt(70) : 0;
        return new PixelChange(mirror, blur, quality);
    }

    /** @param blur Gaussian kernel size, 0 for none; @param quality JPEG quality, 0 for no recompression */
    private record PixelChange(boolean mirror, int blur, int quality) {

        Mat apply(Mat crop) {
            Mat out = crop;
            if (mirror) {
                opencv_core.flip(out, out, 1);
            }
            if (blur > 0) {
                try (Size kernel = new Size(blur, blur)) {
                    opencv_imgproc.GaussianBlur(out, out, kernel, 0);
                }
            }
            return quality > 0 ? jpeg(out, quality) : out;
        }
    }

    private static Mat jpeg(Mat crop, int quality) {
        try (BytePointer buffer = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            opencv_imgcodecs.imencode(".jpg", crop, buffer, params);
            try (Mat encoded = new Mat(buffer)) {
                Mat decoded = opencv_imgcodecs.imdecode(encoded, IMREAD_COLOR);
                crop.close();
                return decoded;
            }
        }
    }

    /**
     * Colour changes on a normalised CHW crop (values -1..1): exposure, contrast, per-channel
     * gain (green or purple casts), and sometimes a grey infrared look.
     */
    void colours(float[] x, int offset, int plane) {
        nextColours().apply(x, offset, plane, random);
    }

    /**
     * The same colour change on two renderings of one crop (a distillation teacher's larger one
     * and the student's), each with its own sensor noise.
     */
    void colours(float[] x, int offset, int plane, float[] y, int yOffset, int yPlane) {
        ColourChange change = nextColours();
        change.apply(x, offset, plane, random);
        change.apply(y, yOffset, yPlane, random);
    }

    private ColourChange nextColours() {
        boolean infrared = random.nextDouble() < 0.15;
        // CCTV sensor noise, strongest at night: sigma 2.5..10 grey levels
        double noise = random.nextDouble() < 0.3 ? 0.02 + random.nextDouble() * 0.06 : 0;
        double contrast = 0.7 + random.nextDouble() * 0.6;
        double brightness = (random.nextDouble() - 0.5) * 0.5;
        double[] gain = new double[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = 0.88 + random.nextDouble() * 0.24;
        }
        return new ColourChange(infrared, noise, contrast, brightness, gain);
    }

    private record ColourChange(boolean infrared, double noise, double contrast, double brightness, double[] gain) {

        void apply(float[] x, int offset, int plane, Random random) {
            for (int i = 0; i < plane; i++) {
                int r = offset + i;
                int g = r + plane;
                int b = g + plane;
                if (infrared) {
                    float grey = 0.3f * x[r] + 0.59f * x[g] + 0.11f * x[b];
                    x[r] = grey;
                    x[g] = grey;
                    x[b] = grey;
                }
                x[r] = clamp(x[r] * contrast * (infrared ? 1 : gain[0]) + brightness);
                x[g] = clamp(x[g] * contrast * (infrared ? 1 : gain[1]) + brightness);
                x[b] = clamp(x[b] * contrast * (infrared ? 1 : gain[2]) + brightness);
                if (noise > 0) {
                    double n = random.nextGaussian() * noise;
                    // luminance noise on all channels plus a weaker per-channel (chroma) part, none on grey infrared
                    double chroma = infrared ? 0 : noise * 0.3;
                    x[r] = clamp(x[r] + n + random.nextGaussian() * chroma);
                    x[g] = clamp(x[g] + n + random.nextGaussian() * chroma);
                    x[b] = clamp(x[b] + n + random.nextGaussian() * chroma);
                }
            }
        }
    }

    private static float clamp(double v) {
        return (float) Math.max(-1, Math.min(127 / 128.0, v));
    }
}
