package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.NORM_MINMAX;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.normalize;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Texture sources shared by all scenes of a renderer: a bank of fractal noise made once from the
 * renderer's seed, a full-frame sensor grain, and optionally patches of real photos, blended into
 * ground, walls and waste so a model trained on the scenes learns waste, not the renderer's style.
 */
final class TextureBank implements AutoCloseable {

    static final int NOISE_SIZE = 512;
    private static final int MAX_PHOTOS = 48;
    private static final int PHOTO_SIDE = 384;

    private final List<Mat> noise = new ArrayList<>();
    private final List<Mat> photos = new ArrayList<>();
    /** Photos from a folder named "dirty" (overflowing sites): the better source of waste texture. */
    private final List<Mat> wastePhotos = new ArrayList<>();
    /** The others: ground and walls come from these, so no spilled waste lands on "clean" ground. */
    private final List<Mat> cleanPhotos = new ArrayList<>();

    /** Which part of which photos a patch comes from. */
    enum Source { GROUND, WALL, WASTE }
    /** 8-bit grain centred on 128 (same in all three channels: luminance noise), 1200x2048. */
    final Mat grain;

    TextureBank(long seed, Path realPhotos) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 4; i++) {
            noise.add(fractal(rnd, NOISE_SIZE, i % 2 == 0 ? 4 : 8));
        }
        grain = grain(rnd, 1200, 2048);
        if (realPhotos != null) {
            loadPhotos(realPhotos);
        }
    }

    /** Sums value noise octaves from a coarse grid of `start` cells up; values 0..1, CV_32FC1. */
    private static Mat fractal(SplittableRandom rnd, int size, int start) {
        Mat sum = new Mat(size, size, CV_32FC1, new Scalar(0));
        double amp = 1;
        for (int cells = start; cells <= size / 2; cells *= 2, amp *= 0.55) {
            float[] values = new float[cells * cells];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rnd.nextDouble();
            }
            try (FloatPointer data = new FloatPointer(values);
                 Mat small = new Mat(cells, cells, CV_32FC1, data);
                 Mat big = new Mat();
                 Size s = new Size(size, size)) {
                resize(small, big, s, 0, 0, INTER_CUBIC);
                addWeighted(sum, 1, big, amp, 0, sum);
            }
        }
        normalize(sum, sum, 0, 1, NORM_MINMAX, -1, null);
        return sum;
    }

    private static Mat grain(SplittableRandom rnd, int rows, int cols) {
        byte[] values = new byte[rows * cols];
        for (int i = 0; i < values.length; i++) {
            // sum of two uniforms: a cheap bell-shaped grain
            values[i] = (byte) (64 + rnd.nextInt(65) + rnd.nextInt(64));
        }
        try (Mat m = new Mat(rows, cols, CV_8UC1)) {
            m.data().put(values);
            Mat bgr = new Mat();
            cvtColor(m, bgr, COLOR_GRAY2BGR);
            return bgr;
        }
    }

    private void loadPhotos(Path folder) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list real photos in " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no JPEG or PNG photos under " + folder);
        }
        int step = Math.max(1, files.size() / MAX_PHOTOS);
        for (int i = 0; i < files.size() && photos.size() < MAX_PHOTOS; i += step) {
            Mat img = opencv_imgcodecs.imread(files.get(i).toString());
            if (img == null || img.empty()) {
                continue; // an unreadable photo only means one texture source less
            }
            double k = (double) PHOTO_SIDE / Math.max(img.cols(), img.rows());
            if (k < 1) {
                Mat small = new Mat();
                try (Size s = new Size((int) (img.cols() * k), (int) (img.rows() * k))) {
                    resize(img, small, s, 0, 0, INTER_AREA);
                }
                img.close();
                img = small;
            }
            photos.add(img);
            if (files.get(i).getParent() != null
                    && files.get(i).getParent().getFileName().toString().equalsIgnoreCase("dirty")) {
                wastePhotos.add(img);
            } else {
                cleanPhotos.add(img);
            }
        }
    }

    /** A noise crop of the given size, values 0..1 (CV_32FC1). */
    Mat noise(SplittableRandom rnd, int width, int height) {
        Mat src = noise.get(rnd.nextInt(noise.size()));
        int cw = Math.min(NOISE_SIZE, Math.max(16, width / (1 + rnd.nextInt(2))));
        int ch = Math.min(NOISE_SIZE, Math.max(16, height / (1 + rnd.nextInt(2))));
        try (Rect r = new Rect(rnd.nextInt(NOISE_SIZE - cw + 1), rnd.nextInt(NOISE_SIZE - ch + 1), cw, ch);
             Mat crop = src.apply(r);
             Size s = new Size(width, height)) {
            Mat out = new Mat();
            resize(crop, out, s, 0, 0, INTER_LINEAR);
            return out;
        }
    }

    /**
     * A surface of colour rgb mottled by noise: contrast 0 is flat, 1 spans roughly 0.5x..1.5x.
     */
    Mat mottled(SplittableRandom rnd, int width, int height, int rgb, double contrast) {
        try (Mat n = noise(rnd, width, height);
             Mat grey = new Mat();
             Mat grey3 = new Mat();
             Mat colour = new Mat(height, width, CV_8UC3, Draw.bgr(rgb))) {
            n.convertTo(grey, CV_8UC1, 128 * contrast * 2, 128 - 128 * contrast);
            cvtColor(grey, grey3, COLOR_GRAY2BGR);
            Mat out = new Mat();
            multiply(colour, grey3, out, 1.0 / 128, -1);
            return out;
        }
    }

    /** Adds fine grain so flat surfaces do not look painted. */
    void addGrain(Mat img, SplittableRandom rnd, double strength) {
        if (strength < 0.005) {
            return;
        }
        int x = rnd.nextInt(Math.max(1, grain.cols() - img.cols()));
        int y = rnd.nextInt(Math.max(1, grain.rows() - img.rows()));
        int w = Math.min(img.cols(), grain.cols());
        int h = Math.min(img.rows(), grain.rows());
        try (Rect r = new Rect(x, y, w, h);
             Rect r2 = new Rect(0, 0, w, h);
             Mat g = grain.apply(r);
             Mat target = img.apply(r2)) {
            addWeighted(target, 1, g, strength, -128 * strength, target);
        }
    }

    /** A random crop of a real photo resized to width x height, or null without photos. */
    Mat photoPatch(SplittableRandom rnd, int width, int height, Source source) {
        if (photos.isEmpty()) {
            return null;
        }
        List<Mat> from = photos;
        if (source == Source.WASTE && !wastePhotos.isEmpty()) {
            from = wastePhotos;
        } else if (source != Source.WASTE && !cleanPhotos.isEmpty()) {
            from = cleanPhotos;
        }
        boolean lowerHalf = source != Source.WALL; // ground and spilled waste lie in the lower half
        Mat photo = from.get(rnd.nextInt(from.size()));
        int cw = Math.max(8, (int) (photo.cols() * (0.2 + 0.3 * rnd.nextDouble())));
        int ch = Math.max(8, Math.min(photo.rows(), cw * height / Math.max(1, width)));
        int y0 = lowerHalf ? photo.rows() / 2 : 0;
        int x = rnd.nextInt(Math.max(1, photo.cols() - cw));
        int y = Math.min(photo.rows() - ch, y0 + rnd.nextInt(Math.max(1, photo.rows() - y0 - ch + 1)));
        try (Rect r = new Rect(x, Math.max(0, y), cw, ch); Mat crop = photo.apply(r); Size s = new Size(width, height)) {
            Mat out = new Mat();
            resize(crop, out, s, 0, 0, INTER_LINEAR);
            return out;
        }
    }

    /**
     * Blends real-photo patches into a texture with soft elliptic edges, so no patch border shows.
     * Nothing happens without photos.
     */
    void blendPhotoPatches(Mat texture, SplittableRandom rnd, int count, double alpha, Source source) {
        if (photos.isEmpty()) {
            return;
        }
        for (int i = 0; i < count; i++) {
            int w = Math.max(16, (int) (texture.cols() * (0.15 + 0.3 * rnd.nextDouble())));
            int h = Math.max(16, Math.min(texture.rows(), (int) (w * (0.5 + rnd.nextDouble()))));
            w = Math.min(w, texture.cols());
            int x = rnd.nextInt(texture.cols() - w + 1);
            int y = rnd.nextInt(texture.rows() - h + 1);
            try (Mat patch = photoPatch(rnd, w, h, source);
                 Rect r = new Rect(x, y, w, h);
                 Mat roi = texture.apply(r)) {
                featherBlend(roi, patch, alpha);
            }
        }
    }

    /** roi := roi * (1 - alpha * m) + patch * alpha * m, with m a blurred ellipse filling the roi. */
    static void featherBlend(Mat roi, Mat patch, double alpha) {
        int w = roi.cols(), h = roi.rows();
        try (Mat m8 = new Mat(h, w, CV_8UC1, new Scalar(0));
             Point c = new Point(w / 2, h / 2);
             Size axes = new Size(Math.max(1, w * 3 / 8), Math.max(1, h * 3 / 8));
             Scalar white = new Scalar(255)) {
            ellipse(m8, c, axes, 0, 0, 360, white, -1, 8, 0);
            int k = (Math.max(3, Math.min(w, h) / 4)) | 1;
            try (Size ks = new Size(k, k)) {
                GaussianBlur(m8, m8, ks, 0, 0, 4, 0);
            }
            Draw.mixByMask(roi, patch, m8, alpha);
        }
    }

    @Override
    public void close() {
        noise.forEach(Mat::close);
        photos.forEach(Mat::close);
        grain.close();
    }
}
