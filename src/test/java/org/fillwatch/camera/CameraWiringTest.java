package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.PavilionConfigLoaderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The pavilion and camera beans wire up from properties alone, without a FrameHandler, and stop before what they feed. */
class CameraWiringTest {

    @Configuration
    @ComponentScan(basePackages = {"org.fillwatch.pavilion", "org.fillwatch.camera"})
    static class Modules {
    }

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Modules.class);

    @Test
    void defaultsAndDisabledSampling() throws Exception {
        Files.writeString(dir.resolve("ptr-001.yaml"), PavilionConfigLoaderTest.GOOD);
        runner.withPropertyValues("fillwatch.cameras.config-dir=" + dir, "fillwatch.cameras.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CameraProperties p = context.getBean(CameraProperties.class);
                    assertThat(p.workers()).isEqualTo(Runtime.getRuntime().availableProcessors() + 1);
                    assertThat(p.queueSize()).isEqualTo(256);
                    assertThat(p.backoffBase()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(p.backoffMax()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(p.configDir()).isEqualTo(dir);

                    assertThat(context.getBean(Pavilions.class).all()).extracting(pv -> pv.id()).containsExactly("ptr-001");
                    context.getBean(CameraSampler.class).start(); // normally on ApplicationReadyEvent
                    CameraStatuses statuses = context.getBean(CameraStatuses.class);
                    assertThat(statuses.find("ptr-001")).get().extracting(CameraStatus::state).isEqualTo(State.DISABLED);
                    HealthIndicator health = context.getBean("camerasHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getDetails()).containsEntry("disabled", 1).containsEntry("online", 0);
                });
    }

    /**
     * What the frames feed (the model, the reading writer) is destroyed after sampling stopped: those
     * beans are reached only through handlers and events, so the order of their destruction used to
     * be left to chance, and at shutdown running samples hit a closed model and a writer that no
     * longer drained its queue.
     */
    @Test
    void samplingStopsBeforeTheBeansItFeedsAreDestroyed() throws Exception {
        byte[] jpeg = TestPictures.jpeg(160, 120, java.awt.Color.GRAY);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/snap.jpg", exchange -> {
            exchange.sendResponseHeaders(200, jpeg.length);
            exchange.getResponseBody().write(jpeg);
            exchange.close();
        });
        server.start();
        java.util.concurrent.atomic.AtomicReference<Downstream> handler = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            Files.writeString(dir.resolve("snap-1.yaml"), """
                    id: snap-1
                    name: "Snapshot camera"
                    address: "Test St. 1"
                    district: Centre
                    location: {latitude: 54.87, longitude: 69.14}
                    carrier: carrier-a
                    camera:
                      url: http://127.0.0.1:%d/snap.jpg
                      mode: snapshot
                      interval: 100ms
                    containers:
                      - id: c1
                        type: "240 l wheelie bin"
                        polygon: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.9], [0.1, 0.9]]
                    """.formatted(server.getAddress().getPort()));
            runner.withPropertyValues("fillwatch.cameras.config-dir=" + dir)
                    // registered after the scanned sampler, as vision's beans are: destroyed before it
                    .withUserConfiguration(DownstreamConfig.class)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        Downstream downstream = context.getBean(Downstream.class);
                        handler.set(downstream);
                        assertThat(context.getBean(Pavilions.class).problems()).isEmpty();
                        context.getBean(CameraSampler.class).start(); // normally on ApplicationReadyEvent
                        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                        while (downstream.frames.get() < 5 && System.nanoTime() < end) {
                            Thread.sleep(20);
                        }
                        assertThat(downstream.frames.get()).as("frames before closing; camera %s",
                                context.getBean(CameraStatuses.class).find("snap-1")).isGreaterThanOrEqualTo(5);
                    });
        } finally {
            server.stop(0);
        }
        Downstream downstream = handler.get();
        assertThat(downstream.closed).isTrue();
        assertThat(downstream.afterClose.get()).as("frames handed over after the handler was destroyed").isZero();
        assertThat(downstream.interrupted.get()).as("samples interrupted by the stop").isZero();
    }

    @Configuration
    static class DownstreamConfig {
        @org.springframework.context.annotation.Bean
        Downstream downstream() {
            return new Downstream();
        }
    }

    /** Stands for the model: a frame arriving after its destruction is an error. */
    static class Downstream implements FrameHandler {
        final java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger afterClose = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger interrupted = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean closed;

        @Override
        public void onFrame(org.fillwatch.pavilion.Pavilion pavilion, java.time.Instant at,
                            org.bytedeco.opencv.opencv_core.Mat frame) {
            (closed ? afterClose : frames).incrementAndGet();
            try {
                Thread.sleep(60); // a sample is still running when the context closes
            } catch (InterruptedException e) {
                interrupted.incrementAndGet(); // what a JDBC call on an H2 file would not survive
                Thread.currentThread().interrupt();
            }
        }

        @jakarta.annotation.PreDestroy
        void close() throws InterruptedException {
            closed = true;
            Thread.sleep(300); // what a model's close takes; samples still running would arrive meanwhile
        }
    }

    @Test
    void propertiesAreBound() {
        runner.withPropertyValues("fillwatch.cameras.config-dir=" + dir, "fillwatch.cameras.workers=3",
                        "fillwatch.cameras.queue-size=5", "fillwatch.cameras.backoff-base=250ms",
                        "fillwatch.cameras.backoff-max=30s", "fillwatch.cameras.read-timeout=4s")
                .run(context -> {
                    CameraProperties p = context.getBean(CameraProperties.class);
                    assertThat(p.workers()).isEqualTo(3);
                    assertThat(p.queueSize()).isEqualTo(5);
                    assertThat(p.backoffBase()).isEqualTo(Duration.ofMillis(250));
                    assertThat(p.backoffMax()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(p.enabled()).isTrue();
                    // an empty folder is no error: no pavilions, no problems
                    assertThat(context.getBean(Pavilions.class).problems()).isEmpty();
                });
    }
}
