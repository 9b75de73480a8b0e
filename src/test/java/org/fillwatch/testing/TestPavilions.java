package org.fillwatch.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.ConfigProblem;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.SamplingMode;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Pavilions that tests create on the fly, each with its own id so that tests sharing one Spring
 * context do not see each other's containers. Replaces the camera-config registry in tests.
 */
public class TestPavilions implements Pavilions {

    private final Map<String, Pavilion> pavilions = new ConcurrentHashMap<>();

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestPavilions testPavilions() {
            return new TestPavilions();
        }
    }

    /** A new pavilion with containers c1..cN, default thresholds (80 %, 30 %, 3 in a row). */
    public Pavilion create(String carrierId, int containers) {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        List<ContainerSpec> specs = Stream.iterate(1, i -> i + 1).limit(containers)
                .map(i -> new ContainerSpec("c" + i, "1.1 m3 euro container",
                        List.of(new ContainerSpec.Point(0.1, 0.1), new ContainerSpec.Point(0.3, 0.1),
                                new ContainerSpec.Point(0.3, 0.5), new ContainerSpec.Point(0.1, 0.5)),
                        Thresholds.DEFAULT))
                .toList();
        Pavilion pavilion = new Pavilion(id, "Test pavilion " + id, "Test St. 1", "Centre", 54.87, 69.14, carrierId,
                new CameraSpec("rtsp://admin:secret@127.0.0.1:8554/" + id, SamplingMode.BURST, Duration.ofSeconds(60)),
                specs, "test/" + id + ".yaml");
        pavilions.put(id, pavilion);
        return pavilion;
    }

    /** One analysed frame in which container c1 shows the given fill and state, model version "test". */
    public static FrameAnalysed frame(Pavilion pavilion, Instant at, double fill, FillState state) {
        return new FrameAnalysed(pavilion.id(), at, "test",
                List.of(new ContainerEstimate("c1", fill, state, 0.9, 0.0)));
    }

    @Override
    public List<Pavilion> all() {
        return List.copyOf(pavilions.values());
    }

    @Override
    public Optional<Pavilion> find(String pavilionId) {
        return Optional.ofNullable(pavilions.get(pavilionId));
    }

    @Override
    public List<ConfigProblem> problems() {
        return List.of();
    }
}
