package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Pictures of a camera's view without holding its frames. A full frame (2.7 MB at 1280x720) per
 * camera would cost gigabytes for a city, so:
 * <ul>
 * <li>evidence ({@link PrivacyCrops}) is cut from the frame in flight: the frame analyser runs the
 * publication of a frame's readings inside {@link #whileAnalysed}, and the incident that those
 * readings open or close takes its picture then, on the same frame;</li>
 * <li>the pavilion snapshot ({@link PavilionSnapshots}) is kept as a small JPEG, encoded from a
 * usable frame at most every {@code refresh} per pavilion (and from the next frame after someone
 * looked at it), all of them together at most {@code max-bytes}, least recently used dropped first. A
 * dropped pavilion reads empty and is encoded again from its next frame.</li>
 * </ul>
 */
@Component
class LatestFrames implements PrivacyCrops, PavilionSnapshots {

    /** Margin around the container's bounding box, as a share of its size. */
    static final double MARGIN = 0.25;
    /** The snapshot's blur is computed on the picture shrunk by this factor: same look, a fraction of the cost. */
    private static final int BLUR_SHRINK = 8;

    /** A frame that may be read only while its publication runs; closing waits for a reader. */
    private record InFlight(Pavilion pavilion, Mat frame) {
    }

    private record Held(Snapshot snapshot, boolean asked) {
    }

    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Access-ordered: the eldest entry is the least recently used snapshot. */
    private final LinkedHashMap<String, Held> snapshots = new LinkedHashMap<>(16, 0.75f, true);
    /** When each pavilion's snapshot was last encoded, held or dropped since (a few bytes each): what makes one due. */
    private final Map<String, Instant> encodedAt = new java.util.HashMap<>();
    private final long maxBytes;
    private final Duration refresh;
    private long bytesHeld;

    @Autowired
    LatestFrames(@Value("${fillwatch.vision.snapshots.max-bytes:32MB}") String maxBytes,
                 @Value("${fillwatch.vision.snapshots.refresh:5m}") String refresh) {
        this(DataSize.parse(maxBytes).toBytes(), org.springframework.boot.convert.DurationStyle.detectAndParse(refresh));
    }

    LatestFrames() {
        this(32L << 20, Duration.ofMinutes(5));
    }

    LatestFrames(long maxBytes, Duration refresh) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("fillwatch.vision.snapshots.max-bytes must be positive, got " + maxBytes);
        }
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("fillwatch.vision.snapshots.refresh must not be negative, got " + refresh);
        }
        this.maxBytes = maxBytes;
        this.refresh = refresh;
    }

    /**
     * Runs {@code publication} (the readings of this frame and whatever they trigger) with the frame
     * available to {@link #latest(String, String)}; refreshes the pavilion's snapshot first when due.
     * The frame stays the caller's; nothing of it is held afterwards but the snapshot JPEG.
     */
    void whileAnalysed(Pavilion pavilion, Mat frame, Instant capturedAt, boolean usable, Runnable publication) {
        if (usable && snapshotDue(pavilion.id(), capturedAt)) {
            keep(pavilion.id(), snapshot(frame, pavilion.containers(), capturedAt));
        }
        InFlight current = new InFlight(pavilion, frame);
        InFlight previous = usable ? inFlight.put(pavilion.id(), current) : null;
        try {
            publication.run();
        } finally {
            if (usable) {
                if (previous == null) {
                    inFlight.remove(pavilion.id(), current);
                } else {
                    inFlight.replace(pavilion.id(), current, previous); // two frames of one camera at once
                }
                synchronized (current) {
                    // a reader on another thread finishes its crop before the caller may release the frame
                }
            }
        }
    }

    @Override
    public Optional<byte[]> latest(String pavilionId, String containerId) {
        InFlight held = inFlight.get(pavilionId);
        if (held == null) {
            return Optional.empty();
        }
        Optional<ContainerSpec> container = held.pavilion().container(containerId);
        if (container.isEmpty()) {
            return Optional.empty();
        }
        synchronized (held) {
            if (inFlight.get(pavilionId) != held) {
                return Optional.empty(); // its publication has ended meanwhile
            }
            return Optional.of(privacyCrop(held.frame(), held.pavilion().containers(), container.get()));
        }
    }

    @Override
    public Optional<Snapshot> latest(String pavilionId) {
        synchronized (snapshots) {
            Held held = snapshots.get(pavilionId);
            if (held == null) {
                // someone looks at this pavilion: its next usable frame is encoded whatever the refresh
                keepAsked(pavilionId);
                return Optional.empty();
            }
            if (!held.asked()) {
                snapshots.put(pavilionId, new Held(held.snapshot(), true));
            }
            return Optional.of(held.snapshot());
        }
    }

    /** Bytes of snapshot JPEGs held for all pavilions together; never above {@code max-bytes}. */
    long bytesHeld() {
        synchronized (snapshots) {
            return bytesHeld;
        }
    }

    /** Frames readable for evidence right now: only those whose publication is running. */
    int framesInFlight() {
        return inFlight.size();
    }

    private boolean snapshotDue(String pavilionId, Instant capturedAt) {
        synchronized (snapshots) {
            Held held = snapshots.get(pavilionId);
            if (held != null && held.asked()) {
                return true; // markers without a picture are always asked for
            }
            // one dropped for room waits for its refresh like the others: were it encoded again at once,
            // a city with more pavilions than max-bytes holds would encode every frame (2,500 cameras did)
            Instant last = encodedAt.get(pavilionId);
            return last == null || !capturedAt.isBefore(last.plus(refresh));
        }
    }

    private void keepAsked(String pavilionId) {
        snapshots.put(pavilionId, new Held(null, true));
        // a marker holds no bytes, but the number of markers must stay bounded too
        while (snapshots.size() > 100_000) {
            evictEldest();
        }
    }

    private void keep(String pavilionId, Snapshot snapshot) {
        synchronized (snapshots) {
            if (encodedAt.size() >= 100_000 && !encodedAt.containsKey(pavilionId)) {
                encodedAt.clear(); // pavilions removed from the configuration do not pile up: all are simply due once more
            }
            encodedAt.put(pavilionId, snapshot.takenAt());
            Held old = snapshots.remove(pavilionId);
            if (old != null && old.snapshot() != null) {
                bytesHeld -= old.snapshot().jpeg().length;
            }
            if (snapshot.jpeg().length > maxBytes) {
                return;
            }
            while (bytesHeld + snapshot.jpeg().length > maxBytes && !snapshots.isEmpty()) {
                evictEldest();
            }
            // asked for again, it is refreshed from the next frame once more (a page polling it sees it live)
            snapshots.put(pavilionId, new Held(snapshot, false));
            bytesHeld += snapshot.jpeg().length;
        }
    }

    private void evictEldest() {
        Iterator<Map.Entry<String, Held>> eldest = snapshots.entrySet().iterator();
        Held gone = eldest.next().getValue();
        eldest.remove();
        if (gone.snapshot() != null) {
            bytesHeld -= gone.snapshot().jpeg().length;
        }
    }

    /** The whole view at most {@link #MAX_WIDTH} wide, privacy-blurred outside the container polygons. */
    static Snapshot snapshot(Mat frame, List<ContainerSpec> containers, Instant takenAt) {
        double scale = Math.min(1.0, (double) MAX_WIDTH / frame.cols());
        int width = (int) Math.round(frame.cols() * scale), height = (int) Math.round(frame.rows() * scale);
        try (Mat small = new Mat()) {
            Shrink.to(frame, small, width, height);
            try (Mat blurred = blurred(small)) {
                pasteContainers(small, blurred, containers, width, height, 0, 0);
                return new Snapshot(jpeg(blurred, 80), width, height, takenAt);
            }
        }
    }

    /**
     * The picture blurred beyond recognition: a Gaussian 1/40 of its width wide (no face or plate
     * stays readable at any resolution), done on the picture shrunk 8 times and scaled back up. At
     * full size that Gaussian cost about 100 ms on a 1280x720 frame; while hundreds of incidents
     * opened at once their evidence pictures took the camera workers' time and sampling fell to a
     * few frames a second.
     */
    static Mat blurred(Mat picture) {
        Mat blurred = new Mat();
        try (Mat tiny = tinyBlurred(picture); Size size = new Size(picture.cols(), picture.rows())) {
            opencv_imgproc.resize(tiny, blurred, size, 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        return blurred;
    }

    /**
     * The part {@code box} of {@link #blurred}{@code (picture)}, scaled up from the small blurred
     * picture alone: an evidence crop is a tenth of the frame, and scaling and pasting the whole
     * frame for it cost most of the 2.5 ms an evidence picture took. Same mapping as resize's
     * (pixel centres), so the region equals that part of the whole.
     */
    static Mat blurred(Mat picture, Rect box) {
        Mat region = new Mat();
        try (Mat tiny = tinyBlurred(picture); Size size = new Size(box.width(), box.height());
             Mat toTiny = new Mat(2, 3, opencv_core.CV_64F); Scalar replicated = new Scalar()) {
            double sx = (double) tiny.cols() / picture.cols(), sy = (double) tiny.rows() / picture.rows();
            toTiny.ptr(0).putDouble(sx).putDouble(8, 0).putDouble(16, (box.x() + 0.5) * sx - 0.5);
            toTiny.ptr(1).putDouble(0).putDouble(8, sy).putDouble(16, (box.y() + 0.5) * sy - 0.5);
            opencv_imgproc.warpAffine(tiny, region, toTiny, size, opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP,
                    opencv_core.BORDER_REPLICATE, replicated);
        }
        return region;
    }

    private static Mat tinyBlurred(Mat picture) {
        int width = picture.cols(), height = picture.rows();
        Mat tinyBlurred = new Mat();
        try (Mat tiny = new Mat(); Size k = new Size(0, 0)) {
            Shrink.to(picture, tiny, Math.max(1, width / BLUR_SHRINK), Math.max(1, height / BLUR_SHRINK));
            opencv_imgproc.GaussianBlur(tiny, tinyBlurred, k, Math.max(1, width / 40.0 / BLUR_SHRINK));
        }
        return tinyBlurred;
    }

    /** The container with a margin around it, from the frame blurred beyond recognition outside the container polygons, as JPEG. */
    static byte[] privacyCrop(Mat frame, List<ContainerSpec> containers, ContainerSpec container) {
        try (Rect box = box(container.polygon(), frame.cols(), frame.rows());
             Mat blurred = blurred(frame, box); Mat sharp = new Mat(frame, box)) {
            pasteContainers(sharp, blurred, containers, frame.cols(), frame.rows(), box.x(), box.y());
            return jpeg(blurred, 90);
        }
    }

    /**
     * Copies the container polygons' interiors from {@code sharp} onto {@code blurred} (same size),
     * both the part of a {@code width} x {@code height} picture whose top left corner is at {@code x}, {@code y}.
     */
    private static void pasteContainers(Mat sharp, Mat blurred, List<ContainerSpec> containers, int width, int height,
                                        int x, int y) {
        try (Mat mask = new Mat(sharp.size(), opencv_core.CV_8UC1, new Scalar(0)); MatVector polygons = new MatVector();
             Point offset = new Point(-x, -y)) {
            for (ContainerSpec c : containers) {
                polygons.push_back(points(c.polygon(), width, height));
            }
            opencv_imgproc.fillPoly(mask, polygons, new Scalar(255), opencv_imgproc.LINE_8, 0, offset);
            sharp.copyTo(blurred, mask);
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
