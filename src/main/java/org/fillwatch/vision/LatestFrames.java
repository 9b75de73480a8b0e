package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.springframework.stereotype.Component;

/**
 * Keeps a copy of each camera's latest frame (one per pavilion, replaced by the next) so that an
 * incident can take its evidence picture; the privacy blur is only paid when one is asked for.
 */
@Component
class LatestFrames implements PrivacyCrops, PavilionSnapshots {

    /** Margin around the container's bounding box, as a share of its size. */
    static final double MARGIN = 0.25;

    private record Held(Pavilion pavilion, Mat frame, Instant takenAt) {
    }

    private final Map<String, Held> frames = new ConcurrentHashMap<>();

    void put(Pavilion pavilion, Mat frame) {
        Held old = frames.put(pavilion.id(), new Held(pavilion, frame.clone(), Instant.now()));
        if (old != null) {
            synchronized (old) {
                old.frame().close();
            }
        }
    }

    @Override
    public Optional<byte[]> latest(String pavilionId, String containerId) {
        Held held = frames.get(pavilionId);
        if (held == null) {
            return Optional.empty();
        }
        Optional<ContainerSpec> container = held.pavilion().container(containerId);
        if (container.isEmpty()) {
            return Optional.empty();
        }
        synchronized (held) {
            if (held.frame().isNull() || held.frame().empty()) {
                return Optional.empty(); // replaced meanwhile; the next frame will do
            }
            return Optional.of(privacyCrop(held.frame(), held.pavilion().containers(), container.get()));
        }
    }

    @Override
    public Optional<Snapshot> latest(String pavilionId) {
        Held held = frames.get(pavilionId);
        if (held == null) {
            return Optional.empty();
        }
        synchronized (held) {
            if (held.frame().isNull() || held.frame().empty()) {
                return Optional.empty();
            }
            return Optional.of(snapshot(held.frame(), held.pavilion().containers(), held.takenAt()));
        }
    }

    static Snapshot snapshot(Mat frame, List<ContainerSpec> containers, Instant takenAt) {
        try (Mat blurred = privacyBlur(frame, containers); Mat small = new Mat()) {
            double scale = Math.min(1.0, (double) MAX_WIDTH / frame.cols());
            try (Size size = new Size((int) Math.round(frame.cols() * scale), (int) Math.round(frame.rows() * scale))) {
                opencv_imgproc.resize(blurred, small, size, 0, 0, opencv_imgproc.INTER_AREA);
            }
            return new Snapshot(jpeg(small, 80), small.cols(), small.rows(), takenAt);
        }
    }

    /** The container with a margin around it, cut from the privacy-blurred frame, as JPEG. */
    static byte[] privacyCrop(Mat frame, List<ContainerSpec> containers, ContainerSpec container) {
        try (Mat blurred = privacyBlur(frame, containers);
             Rect box = box(container.polygon(), frame.cols(), frame.rows()); Mat crop = new Mat(blurred, box)) {
            return jpeg(crop, 90);
        }
    }

    /** The frame blurred beyond recognition outside the container polygons. */
    private static Mat privacyBlur(Mat frame, List<ContainerSpec> containers) {
        Mat blurred = new Mat();
        try (Mat mask = new Mat(frame.size(), opencv_core.CV_8UC1, new Scalar(0)); MatVector polygons = new MatVector()) {
            // a sigma of 1/40 of the width leaves no face or plate readable at any resolution
            double sigma = Math.max(8, frame.cols() / 40.0);
            try (Size k = new Size(0, 0)) {
                opencv_imgproc.GaussianBlur(frame, blurred, k, sigma);
            }
            for (ContainerSpec c : containers) {
                polygons.push_back(points(c.polygon(), frame.cols(), frame.rows()));
            }
            opencv_imgproc.fillPoly(mask, polygons, new Scalar(255));
            frame.copyTo(blurred, mask);
            return blurred;
        }
    }

    private static byte[] jpeg(Mat image, int quality) {
        try (BytePointer jpeg = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            opencv_imgcodecs.imencode(".jpg", image, jpeg, params);
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            return bytes;
        }
    }

    /** The polygon (normalised 0..1) in pixels of the frame. */
    private static Mat points(List<ContainerSpec.Point> polygon, int width, int height) {
        Mat m = new Mat(polygon.size(), 1, opencv_core.CV_32SC2);
        for (int i = 0; i < polygon.size(); i++) {
            m.ptr(i).putInt((int) Math.round(polygon.get(i).x() * width));
            m.ptr(i).putInt(4, (int) Math.round(polygon.get(i).y() * height));
        }
        return m;
    }

    static Rect box(List<ContainerSpec.Point> polygon, int width, int height) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (ContainerSpec.Point p : polygon) {
            x0 = Math.min(x0, p.x() * width);
            y0 = Math.min(y0, p.y() * height);
            x1 = Math.max(x1, p.x() * width);
            y1 = Math.max(y1, p.y() * height);
        }
        double mx = (x1 - x0) * MARGIN, my = (y1 - y0) * MARGIN;
        int left = (int) Math.max(0, Math.floor(x0 - mx)), top = (int) Math.max(0, Math.floor(y0 - my));
        int right = (int) Math.min(width, Math.ceil(x1 + mx)), bottom = (int) Math.min(height, Math.ceil(y1 + my));
        return new Rect(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }
}
