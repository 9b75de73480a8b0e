package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.SamplingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node given more cameras than its analysis can take: the queues stay within their bounds, the
 * intervals stretch, and the overload is reported (health, log); once the analysis is fast again
 * the intervals go back to as configured.
 */
class SamplingOverloadTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws Exception {
        byte[] jpeg = TestPictures.jpeg(320, 180, Color.ORANGE);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/snap.jpg", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, jpeg.length);
            exchange.getResponseBody().write(jpeg);
            exchange.close();
        });
        server.start();
        SnapshotSource.decode(jpeg, picture -> { }); // loads OpenCV's natives (seconds) before the clock runs
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void slowAnalysisStretchesIntervalsWithinBoundedQueuesAndSaysSo() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/snap.jpg";
        List<Pavilion> cameras = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cameras.add(CameraRig.pavilion("cam-" + i, url, SamplingMode.SNAPSHOT, Duration.ofMillis(200), null));
        }
        // one worker, 4 queued, 16 requests in flight; 20 cameras every 200 ms want 100 frames/s, 100 ms each
        // gives 10: even at the longest stretch (x8: 12.5 frames/s) it stays overloaded
        CameraProperties properties = new CameraProperties(java.nio.file.Path.of("unused"), true, 1, 4,
                Duration.ofMillis(200), Duration.ofSeconds(2), 0, Duration.ofSeconds(2), Duration.ofSeconds(2),
                16, Duration.ofMillis(300), 8, Duration.ofMillis(300), 20, Duration.ZERO);
        AtomicLong handlerMillis = new AtomicLong(100);
        AtomicInteger frames = new AtomicInteger();
        FrameHandler slow = (pavilion, at, frame) -> {
            frames.incrementAndGet();
            sleep(handlerMillis.get());
        };
        CameraSampler sampler = new CameraSampler(CameraRig.registry(cameras), properties, () -> List.of(slow), Clock.systemUTC());
        int maxQueued = 0, maxInFlight = 0;
        try (LogCapture logs = new LogCapture()) {
            sampler.start();
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < end) {
                maxQueued = Math.max(maxQueued, sampler.queued());
                maxInFlight = Math.max(maxInFlight, sampler.requestsInFlight());
                Thread.sleep(2);
            }
            SamplingLoad.Report overloaded = sampler.load().report();
            Map<String, Object> health = new CamerasHealthIndicator(sampler).health().getDetails();
            @SuppressWarnings("unchecked")
            Map<String, Object> sampling = (Map<String, Object>) health.get("sampling");
            System.out.printf("overloaded: %s; max queued %d, max in flight %d, %d requests, %d frames%n",
                    overloaded, maxQueued, maxInFlight, requests.get(), frames.get());
            assertThat(maxQueued).as("samples waiting for the worker").isLessThanOrEqualTo(4);
            assertThat(maxInFlight).as("requests waiting for their answer").isLessThanOrEqualTo(16);
            assertThat(overloaded.stretch()).as("intervals stretched").isGreaterThan(2);
            assertThat(overloaded.shed()).isPositive();
            assertThat(sampling).containsEntry("degraded", true).containsKey("stretch").containsKey("lagP99Ms");
            assertThat(logs.text()).contains("WARN org.fillwatch.camera.SamplingLoad Sampling overloaded");
            assertThat(logs.text().split("Sampling overloaded", -1)).as("WARN at most once a minute").hasSize(2);

            // the analysis is quick again: the stretch comes back to 1
            handlerMillis.set(0);
            CameraRig.await(() -> sampler.load().report().stretch() == 1, Duration.ofSeconds(15),
                    () -> "still stretched: " + sampler.load().report());
            assertThat(logs.text()).contains("Sampling keeps up again");
            assertThat(sampler.load().report().degraded()).isFalse();
            assertThat(new CamerasHealthIndicator(sampler).health().getDetails().get("sampling").toString())
                    .contains("degraded=false");
        } finally {
            sampler.stop();
        }
    }

    @Test
    void calmLoadNeverStretches() {
        SamplingLoad load = new SamplingLoad(Duration.ofSeconds(5), 8);
        for (int i = 0; i < 1000; i++) {
            load.sampled(i % 100 == 0 ? 4_000 : 50);
        }
        SamplingLoad.Report report = load.evaluate(java.time.Instant.now());
        assertThat(report.stretch()).isEqualTo(1);
        assertThat(report.lagP99Ms()).isEqualTo(60);
        assertThat(report.lastWindowOver()).isFalse();
        for (int i = 0; i < 100; i++) {
            load.sampled(i < 5 ? 9_000 : 50); // 5 % late: p99 over the limit
        }
        // late but nothing shed: the least step, x1.1
        assertThat(load.evaluate(java.time.Instant.now()).stretch()).isCloseTo(1.1, within(1e-9));
        assertThat(load.totalPercentile(0.99)).isEqualTo(4_010);
    }

    /**
     * The stretch follows the shortfall: 57 of 67 due samples taken (4,000 cameras at 1/min on a node
     * that takes 57 a second) asks for x1.29, not the x1.5 that overshot; a node far behind still
     * grows by at most x1.5 a window.
     */
    @Test
    void anOverloadedWindowStretchesByItsShortfall() {
        SamplingLoad load = new SamplingLoad(Duration.ofSeconds(5), 8);
        for (int i = 0; i < 570; i++) {
            load.sampled(100);
        }
        for (int i = 0; i < 100; i++) {
            load.shed();
        }
        assertThat(load.evaluate(java.time.Instant.now()).stretch()).isCloseTo(670 / 570.0 * 1.1, within(1e-9));
        for (int i = 0; i < 100; i++) {
            load.sampled(100);
            load.shed();
            load.shed();
        }
        assertThat(load.evaluate(java.time.Instant.now()).stretch()).isCloseTo(670 / 570.0 * 1.1 * 1.5, within(1e-9));
        load.sampled(100);
        assertThat(load.evaluate(java.time.Instant.now()).stretch()).as("calm: back by 1/1.2")
                .isCloseTo(670 / 570.0 * 1.1 * 1.5 / 1.2, within(1e-9));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
