package org.fillwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.FillWatchApplication;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.scene.SceneSpec;
import org.fillwatch.testing.FreshPostgresDatabase;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MqttInbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two service processes on loopback form a Hazelcast cluster over one PostgreSQL database and one
 * Mosquitto broker, both reading the same camera-config: six pavilions whose JPEG snapshot cameras
 * this test serves, two containers each, both full all the time. Checked: every camera is sampled by
 * exactly one instance (their /actuator/cluster answers, and the snapshot server's request counts);
 * each container gets one incident; after one process is killed with SIGKILL the other owns and
 * samples all cameras within {@link #FAILOVER_BOUND}; still one incident and one "opened" alert per
 * container afterwards.
 */
class ClusterFailoverIT {

    static final int PAVILIONS = 6;
    static final Duration INTERVAL = Duration.ofSeconds(3);
    /** Hazelcast failure timeout 10 s (the default), plus the recheck and a first sample. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @Test
    void camerasAreSharedAndMoveToTheSurvivorWithoutDuplicateIncidents() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cluster-it"));
        String carrier = "carrier-cluster-" + ItServers.RUN;
        List<byte[]> pictures = new ArrayList<>();
        List<ContainerTruth> containers = renderFullContainers(pictures);
        HttpServer cameras = snapshotServer(pictures);
        Path config = Files.createDirectories(dir.resolve("camera-config-" + ItServers.RUN));
        Set<String> all = new TreeSet<>();
        for (int i = 1; i <= PAVILIONS; i++) {
            String id = "cl-" + ItServers.RUN + "-" + i;
            all.add(id);
            Files.writeString(config.resolve(id + ".yaml"),
                    pavilionYaml(id, carrier, cameras.getAddress().getPort(), containers));
        }
        int hzA = PartitionedCamerasTest.freePort();
        int hzB = PartitionedCamerasTest.freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        int webA = PartitionedCamerasTest.freePort();
        int webB = PartitionedCamerasTest.freePort();
        try (FreshPostgresDatabase database = new FreshPostgresDatabase();
             MqttInbox alerts = new MqttInbox(ItServers.mqttUrl(), "fillwatch/carriers/" + carrier + "/incidents")) {
            Process a = service("a", hzA, webA, members, config, database, dir);
            Process b = service("b", hzB, webB, members, config, database, dir);
            try {
                // shared out: disjoint, complete, each camera sampled where it is owned
                await(() -> {
                    JsonNode ca = cluster(webA);
                    JsonNode cb = cluster(webB);
                    // the second member to start finds the first owning everything until partitions migrate
                    return ca != null && cb != null && ca.path("members").size() == 2
                            && !sampledWithFrames(ca).isEmpty() && !sampledWithFrames(cb).isEmpty()
                            && sampledWithFrames(ca).size() + sampledWithFrames(cb).size() == PAVILIONS;
                }, Duration.ofSeconds(180), "both instances up and sampling a share each (logs in target/cluster-it)");
                Set<String> ownedA = names(cluster(webA).path("ownedCameras"));
                Set<String> ownedB = names(cluster(webB).path("ownedCameras"));
                assertThat(intersection(ownedA, ownedB)).as("owned by both").isEmpty();
                assertThat(union(ownedA, ownedB)).as("every camera owned").isEqualTo(all);
                assertThat(sampled(cluster(webA))).as("A samples what it owns").isEqualTo(ownedA);
                assertThat(sampled(cluster(webB))).as("B samples what it owns").isEqualTo(ownedB);
                assertThat(ownedA).as("A has a share").isNotEmpty();
                JsonNode health = get(webA, "/actuator/health");
                assertThat(health.path("components").path("cluster").path("status").asString()).isEqualTo("UP");
                assertThat(health.path("components").path("cluster").path("details").path("members").asInt()).isEqualTo(2);
                assertThat(ownedB).as("B has a share").isNotEmpty();

                // the cameras' side: over 12 s each is asked at most at its own interval (4 times, 5 with the
                // window's edges), not twice as often; at least once even on a loaded machine
                Map<String, Integer> before = snapshotHits();
                Thread.sleep(12_000);
                Map<String, Integer> after = snapshotHits();
                for (String id : all) {
                    int n = after.getOrDefault(id, 0) - before.getOrDefault(id, 0);
                    assertThat(n).as("snapshots of " + id + " in 12 s at a 3 s interval").isBetween(1, 5);
                }

                // full throughout: one incident per container, opened by whichever instance samples it
                await(() -> openIncidents(database).size() == PAVILIONS * containers.size(), Duration.ofSeconds(60),
                        "an incident for every container (model readings of the rendered full containers)");

                a.destroyForcibly(); // SIGKILL: no goodbye to the cluster
                long killed = System.nanoTime();
                assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
                await(() -> {
                    JsonNode cb = cluster(webB);
                    return cb != null && names(cb.path("ownedCameras")).equals(all)
                            && sampledWithFrames(cb).equals(all);
                }, FAILOVER_BOUND, "B owns and samples every camera within " + FAILOVER_BOUND);
                Duration failover = Duration.ofNanos(System.nanoTime() - killed);
                System.out.printf(Locale.ROOT, "ClusterFailoverIT: %d camera(s) of the killed instance sampled by the "
                        + "survivor %.1f s after SIGKILL%n", ownedA.size(), failover.toMillis() / 1000.0);
                assertThat(failover).isLessThan(FAILOVER_BOUND);

                // let the survivor read the moved cameras a few times: its own streaks reach K again
                Map<String, Integer> takeover = snapshotHits();
                await(() -> {
                    Map<String, Integer> now = snapshotHits();
                    return ownedA.stream().allMatch(id -> now.getOrDefault(id, 0) - takeover.getOrDefault(id, 0) >= 4);
                }, Duration.ofSeconds(40), "four more samples of every moved camera");

                Map<String, Integer> perContainer = incidentsPerContainer(database);
                assertThat(perContainer).hasSize(PAVILIONS * containers.size());
                assertThat(perContainer.values()).as("incidents per container").containsOnly(1);
                Thread.sleep(2000); // alerts leave after commit
                Map<String, Set<String>> opened = new HashMap<>();
                for (MqttInbox.Message m : alerts.drain()) {
                    JsonNode event = json.readTree(m.payload());
                    if (event.path("eventType").asString().equals("opened")) {
                        opened.computeIfAbsent(event.path("pavilion").asString() + "/" + event.path("container").asString(),
                                k -> new HashSet<>()).add(event.path("registrationNumber").asString());
                    }
                }
                assertThat(opened).as("containers alerted").hasSize(PAVILIONS * containers.size());
                assertThat(opened.values()).as("distinct incidents alerted per container")
                        .allSatisfy(numbers -> assertThat(numbers).hasSize(1));
            } finally {
                a.destroyForcibly();
                b.destroy();
                b.waitFor(30, TimeUnit.SECONDS);
                b.destroyForcibly();
                cameras.stop(0);
            }
        }
    }

    /** A daytime scene with every container present, open and 95 % full; four noisy JPEGs of it. */
    private static List<ContainerTruth> renderFullContainers(List<byte[]> pictures) {
        SceneRenderer renderer = new SceneRenderer(20_261_126L);
        SceneSpec spec;
        do {
            spec = renderer.randomSpec(1280, 720);
        } while (spec.conditions().light() != SceneSpec.Light.DAY || spec.conditions().weather() != SceneSpec.Weather.CLEAR);
        spec = spec.withOccluders(List.of());
        for (int i = 0; i < spec.containers().size(); i++) {
            spec = spec.withContainer(i, c -> c.withPresent(true).withFill(0.95).withOverflowing(false)
                    .withWasteAround(false).withLid(c.type().hasLid() ? SceneSpec.Lid.OPEN : SceneSpec.Lid.NONE));
        }
        try (RenderedScene scene = renderer.render(spec)) {
            for (int v = 0; v < 4; v++) {
                // sensor noise, so that a live camera's picture is never frozen
                try (Mat noise = new Mat(scene.image().size(), CV_16SC3); Mat noisy = new Mat(); Mat wide = new Mat();
                     BytePointer jpeg = new BytePointer()) {
                    randn(noise, new Mat(1, 1, CV_64F, new Scalar(0)), new Mat(1, 1, CV_64F, new Scalar(4)));
                    scene.image().convertTo(wide, CV_16SC3);
                    add(wide, noise, wide);
                    wide.convertTo(noisy, CV_8UC3);
                    imencode(".jpg", noisy, jpeg);
                    byte[] bytes = new byte[(int) jpeg.limit()];
                    jpeg.get(bytes);
                    pictures.add(bytes);
                }
            }
            // two containers per camera keep the two processes' model work small on a shared machine
            return scene.containers().subList(0, Math.min(2, scene.containers().size()));
        }
    }

    private HttpServer snapshotServer(List<byte[]> pictures) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger next = new AtomicInteger();
        server.createContext("/cam/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/cam/".length()).replace(".jpg", "");
            hits.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = pictures.get(Math.floorMod(next.getAndIncrement(), pictures.size()));
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }

    private Map<String, Integer> snapshotHits() {
        Map<String, Integer> copy = new HashMap<>();
        hits.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private static String pavilionYaml(String id, String carrier, int port, List<ContainerTruth> containers) {
        StringBuilder y = new StringBuilder();
        y.append("id: ").append(id).append("\nname: \"Cluster test ").append(id).append("\"\n")
                .append("address: \"Test St. 1\"\ndistrict: Centre\nlocation:\n  latitude: 54.87\n  longitude: 69.14\n")
                .append("carrier: ").append(carrier).append('\n')
                .append("camera:\n  url: http://127.0.0.1:").append(port).append("/cam/").append(id).append(".jpg\n")
                .append("  mode: snapshot\n  interval: ").append(INTERVAL.toSeconds()).append("s\n")
                .append("containers:\n");
        for (ContainerTruth c : containers) {
            y.append("  - id: ").append(c.id()).append("\n    type: \"rendered\"\n    polygon:\n");
            for (double[] p : c.polygon()) {
                y.append(String.format(Locale.ROOT, "      - [%.4f, %.4f]%n", p[0], p[1]));
            }
            // rendered at 95 %: a threshold well below it so that the model's error does not matter here
            y.append("    thresholds: {full: 60, emptied: 10, consecutive: 2}\n");
        }
        return y.toString();
    }

    private static Process service(String name, int hazelcastPort, int webPort, String members, Path config,
                                   FreshPostgresDatabase database, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"),
                FillWatchApplication.class.getName(),
                "--server.address=127.0.0.1",
                "--server.port=" + webPort,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + ItServers.postgresUser(),
                "--spring.datasource.password=" + ItServers.postgresPassword(),
                "--fillwatch.cameras.config-dir=" + config,
                "--fillwatch.cameras.workers=2",
                "--fillwatch.timeseries.store=embedded",
                "--fillwatch.mqtt.url=" + ItServers.mqttUrl(),
                "--fillwatch.mqtt.client-id=fillwatch-cluster-it-" + name + "-" + ItServers.RUN,
                "--fillwatch.vision.min-confidence=0",
                "--fillwatch.evidence.dir=" + dir.resolve("evidence-" + name + "-" + ItServers.RUN),
                "--fillwatch.cluster.enabled=true",
                "--fillwatch.cluster.name=fillwatch-it-" + ItServers.RUN,
                "--fillwatch.cluster.instance-id=" + name,
                "--fillwatch.cluster.port=" + hazelcastPort,
                "--fillwatch.cluster.members=" + members));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("instance-" + name + ".log").toFile()).start();
    }

    /** The instance's /actuator/cluster answer, or null while it is not up. */
    private JsonNode cluster(int port) {
        return get(port, "/actuator/cluster");
    }

    private JsonNode get(int port, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                    .encodeToString("operator:operator-demo".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }

    private static Set<String> sampled(JsonNode cluster) {
        Set<String> ids = new TreeSet<>();
        cluster.path("sampledCameras").forEach(c -> ids.add(c.path("pavilionId").asString()));
        return ids;
    }

    private static Set<String> sampledWithFrames(JsonNode cluster) {
        Set<String> ids = new TreeSet<>();
        cluster.path("sampledCameras").forEach(c -> {
            if (c.path("framesSampled").asLong() > 0) {
                ids.add(c.path("pavilionId").asString());
            }
        });
        return ids;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> either = new TreeSet<>(a);
        either.addAll(b);
        return either;
    }

    private static Set<String> openIncidents(FreshPostgresDatabase database) throws Exception {
        return incidentsPerContainer(database).keySet();
    }

    /** pavilion/container -> number of fill incidents, open or not. */
    private static Map<String, Integer> incidentsPerContainer(FreshPostgresDatabase database) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(database.url(), ItServers.postgresUser(),
                ItServers.postgresPassword());
             PreparedStatement s = c.prepareStatement("SELECT pavilion_id, container_id, COUNT(*) FROM incident "
                     + "WHERE type IN ('FULL', 'OVERFLOW', 'FORECAST_FULL', 'CONTAINER_MISSING') "
                     + "GROUP BY pavilion_id, container_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getInt(3));
            }
        } catch (java.sql.SQLException e) {
            return Map.of(); // tables not migrated yet
        }
        return counts;
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check, Duration timeout, String what) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("waited " + timeout + " for: " + what).isLessThan(end);
            Thread.sleep(200);
        }
    }
}
