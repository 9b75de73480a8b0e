package org.fillwatch.camera;

import static org.bytedeco.opencv.global.opencv_core.mean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.ConfigProblem;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.SamplingMode;
import org.fillwatch.pavilion.Thresholds;

/** A real sampler over given pavilions, recording what each handed-over frame looked like. */
final class CameraRig implements AutoCloseable {

    /** What a frame looked like: its size, layout and the mean BGR colour of its centre. */
    record Sample(String pavilionId, Instant at, int width, int height, int channels, int depth, double[] centreBgr) {

        boolean colourNear(double b, double g, double r, double tolerance) {
            return Math.abs(centreBgr[0] - b) <= tolerance && Math.abs(centreBgr[1] - g) <= tolerance
                    && Math.abs(centreBgr[2] - r) <= tolerance;
        }

        @Override
        public String toString() {
            return pavilionId + "@" + at + " " + width + "x" + height + "x" + channels + " depth " + depth + " bgr "
                    + java.util.Arrays.toString(centreBgr);
        }
    }

    final CameraSampler sampler;
    final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

    CameraRig(CameraProperties properties, Pavilion... pavilions) {
        Pavilions registry = registry(List.of(pavilions));
        FrameHandler recorder = (pavilion, at, frame) -> samples.add(describe(pavilion.id(), at, frame));
        sampler = new CameraSampler(registry, properties, () -> List.of(recorder), Clock.systemUTC());
        sampler.start();
    }

    /** A pavilion registry holding exactly {@code all}. */
    static Pavilions registry(List<Pavilion> all) {
        return new Pavilions() {
            @Override
            public List<Pavilion> all() {
                return all;
            }

            @Override
            public Optional<Pavilion> find(String id) {
                return all.stream().filter(p -> p.id().equals(id)).findFirst();
            }

            @Override
            public List<ConfigProblem> problems() {
                return List.of();
            }
        };
    }

    static Sample describe(String id, Instant at, Mat frame) {
        int w = frame.cols();
        int h = frame.rows();
        try (Mat centre = new Mat(frame, new Rect(w / 4, h / 4, w / 2, h / 2)); Scalar m = mean(centre)) {
            return new Sample(id, at, w, h, frame.channels(), frame.depth(), new double[] {m.get(0), m.get(1), m.get(2)});
        }
    }

    static CameraProperties properties(Duration backoffBase, Duration backoffMax, Duration readTimeout) {
        return properties(2, backoffBase, backoffMax, readTimeout);
    }

    static CameraProperties properties(int workers, Duration backoffBase, Duration backoffMax, Duration readTimeout) {
        return new CameraProperties(java.nio.file.Path.of("unused"), true, workers, 16, backoffBase, backoffMax, 0,
                Duration.ofSeconds(2), readTimeout);
    }

    static CameraProperties properties(int workers) {
        return properties(workers, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    static CameraProperties properties() {
        return properties(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    static Pavilion pavilion(String id, String url, SamplingMode mode, Duration interval, String format) {
        ContainerSpec container = new ContainerSpec("c1", "bin", List.of(new ContainerSpec.Point(0, 0),
                new ContainerSpec.Point(1, 0), new ContainerSpec.Point(1, 1), new ContainerSpec.Point(0, 1)),
                Thresholds.DEFAULT);
        return new Pavilion(id, id, "addr", "district", 54.87, 69.14, "carrier-a",
                new CameraSpec(url, mode, interval, format), List.of(container), "test");
    }

    List<Sample> samples(String pavilionId) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.pavilionId().equals(pavilionId)).toList();
        }
    }

    CameraStatus status(String pavilionId) {
        return sampler.find(pavilionId).orElseThrow();
    }

    CameraStatus awaitState(String pavilionId, State state, Duration timeout) {
        await(() -> status(pavilionId).state() == state, timeout,
                () -> pavilionId + " did not become " + state + ": " + status(pavilionId));
        return status(pavilionId);
    }

    static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> message) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(message.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    @Override
    public void close() {
        sampler.stop();
    }
}
