package org.fillwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.fillwatch.FillWatchApplication;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 5, rule firing to carrier: the whole service (embedded H2, incident rules, the
 * transactional outbox, Paho) publishing to the real Mosquitto on 127.0.0.1:1883, and a separate
 * Paho subscriber on the carrier's topic. For each of {@code --incidents} containers, two full
 * readings arrive, then the clock starts and the third full reading, the one that fires the FULL
 * rule, is published; the clock stops when the subscriber's callback receives the {@code opened}
 * event. Prints the median, 99th percentile and maximum in milliseconds.
 *
 * <p>Then an incident storm: {@code --storm} more containers, each with two full readings, get
 * their third back to back on one thread (as a camera worker would), and the bench prints the CPU
 * per opening on that thread and in the whole process (outbox, MQTT, listeners) and when the last
 * alert reached the subscriber.
 *
 * <pre>scripts/bench.sh alert-latency [--incidents 300] [--storm 1000] [--broker tcp://127.0.0.1:1883]</pre>
 */
public final class AlertLatencyBench {

    private AlertLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int incidents = 300;
        int storm = 1000;
        String broker = "tcp://127.0.0.1:1883";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--incidents" -> incidents = Integer.parseInt(args[i + 1]);
                case "--storm" -> storm = Integer.parseInt(args[i + 1]);
                case "--broker" -> broker = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String carrier = "bench-" + run; // its own topic: other users of the broker see nothing of it
        // command-line arguments, not builder properties: those are defaults that application.yml overrides
        ConfigurableApplicationContext service = new SpringApplicationBuilder(FillWatchApplication.class,
                TestPavilions.Config.class).run(Stream.of(
                "server.port=0",
                "spring.datasource.url=jdbc:h2:mem:alert-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "fillwatch.mqtt.url=" + broker,
                "fillwatch.mqtt.client-id=fillwatch-bench-" + run,
                "fillwatch.cameras.enabled=false",
                "fillwatch.incidents.forecast.enabled=false",
                "fillwatch.incidents.escalation-check=1d", // the readings are dated in the past: no escalations
                "fillwatch.evidence.dir=target/bench/alert-evidence",
                "logging.level.org.fillwatch=WARN").map(p -> "--" + p).toArray(String[]::new));
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
        MqttClient subscriber = new MqttClient(broker, "bench-sub-" + run, new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            subscriber.connect(options);
            subscriber.subscribe("fillwatch/carriers/" + carrier + "/incidents", 1, (topic, message) -> {
                long now = System.nanoTime();
                String json = new String(message.getPayload(), StandardCharsets.UTF_8);
                if (json.contains("\"eventType\":\"opened\"")) {
                    String container = json.replaceAll(".*\"pavilion\":\"([^\"]+)\".*", "$1") + "/"
                            + json.replaceAll(".*\"container\":\"([^\"]+)\".*", "$1");
                    arrived.putIfAbsent(container, now);
                    CountDownLatch latch = waiting.get(container);
                    if (latch != null) {
                        latch.countDown();
                    }
                }
            });
            TestPavilions pavilions = service.getBean(TestPavilions.class);
            Pavilion pavilion = pavilions.create(carrier, incidents + 5);
            Instant t = Instant.parse("2026-11-25T06:00:00Z");
            double[] latencies = new double[incidents];
            int lost = 0;
            // the first few fire too but are not counted: class loading and JIT on the path
            for (int k = -5; k < incidents; k++) {
                String container = "c" + (k + 6);
                for (int i = 0; i < 2; i++) {
                    t = t.plusSeconds(60);
                    service.publishEvent(full(pavilion, container, t));
                }
                CountDownLatch latch = new CountDownLatch(1);
                String key = pavilion.id() + "/" + container; // as the subscriber keys arrivals
                waiting.put(key, latch);
                t = t.plusSeconds(60);
                long t0 = System.nanoTime();
                service.publishEvent(full(pavilion, container, t));
                if (!latch.await(10, TimeUnit.SECONDS)) {
                    lost += k >= 0 ? 1 : 0;
                    continue;
                }
                if (k >= 0) {
                    latencies[k] = (arrived.get(key) - t0) / 1e6;
                }
                Thread.sleep(20);
            }
            Arrays.sort(latencies);
            double median = latencies[latencies.length / 2];
            double p99 = latencies[(int) Math.ceil(0.99 * latencies.length) - 1];
            System.out.printf(Locale.ROOT, "ALERT LATENCY (rule firing -> Mosquitto subscriber): n=%d, median %.1f ms,"
                            + " p99 %.1f ms, max %.1f ms, not arrived within 10 s: %d (target p99 < 200 ms); load average %s%n",
                    incidents, median, p99, latencies[latencies.length - 1], lost, CapacityBench.loadAverage());
            if (storm > 0) {
                List<Pavilion> sites = new ArrayList<>();
                for (int i = 0; i < storm; i += 3) {
                    sites.add(pavilions.create(carrier, 3)); // a real pavilion's few containers
                }
                storm(service, sites, t, arrived);
            }
        } finally {
            if (subscriber.isConnected()) {
                subscriber.disconnect();
            }
            subscriber.close();
            service.close();
        }
    }

    /** Every container of the sites opens its incident at once; CPU per opening and the last alert's arrival. */
    private static void storm(ConfigurableApplicationContext service, List<Pavilion> sites, Instant t,
                              Map<String, Long> arrived) throws InterruptedException {
        List<FrameAnalysed> thirds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant at = t.plusSeconds(60L * (i + 1));
            for (Pavilion site : sites) {
                for (var c : site.containers()) {
                    FrameAnalysed reading = full(site, c.id(), at);
                    if (i < 2) {
                        service.publishEvent(reading);
                    } else {
                        thirds.add(reading);
                    }
                }
            }
        }
        List<String> containers = thirds.stream().map(f -> f.pavilionId() + "/" + f.estimates().get(0).containerId()).toList();
        Thread.sleep(2000); // the readings' own work settles
        arrived.clear();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long wall = System.nanoTime(), thread = threads.getCurrentThreadCpuTime(), process = os.getProcessCpuTime();
        thirds.forEach(service::publishEvent);
        long rulesWall = System.nanoTime() - wall, rulesCpu = threads.getCurrentThreadCpuTime() - thread;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (containers.stream().anyMatch(c -> !arrived.containsKey(c)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long last = containers.stream().mapToLong(c -> arrived.getOrDefault(c, Long.MAX_VALUE)).max().orElseThrow();
        long processCpu = os.getProcessCpuTime() - process;
        int n = containers.size();
        System.out.printf(Locale.ROOT, "STORM: %d incidents opened back to back in %.2f s (%.0f/s); CPU per opening: %.2f ms on the"
                        + " rules' thread, %.2f ms in the whole process; last alert at the subscriber after %s; load average %s%n",
                n, rulesWall / 1e9, n / (rulesWall / 1e9), rulesCpu / 1e6 / n, processCpu / 1e6 / n,
                last == Long.MAX_VALUE ? "(not all arrived within 60 s)" : String.format(Locale.ROOT, "%.2f s", (last - wall) / 1e9),
                CapacityBench.loadAverage());
    }

    private static FrameAnalysed full(Pavilion pavilion, String container, Instant at) {
        return new FrameAnalysed(pavilion.id(), at, "bench",
                List.of(new ContainerEstimate(container, 92, FillState.FULL, 0.95, 0.0)));
    }
}
