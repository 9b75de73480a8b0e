package org.fillwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.fillwatch.camera.CameraAssignmentChanged;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.TestPavilions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Two real Hazelcast members on loopback in this JVM: every camera is owned by exactly one of them,
 * and when one dies (terminated, no goodbye) the other owns them all. The two-process version with
 * the whole service is {@code ClusterFailoverIT}.
 */
class PartitionedCamerasTest {

    @Test
    void clusterIsOffByDefault() {
        new ApplicationContextRunner().withUserConfiguration(ClusterConfiguration.class)
                .run(context -> assertThat(context).doesNotHaveBean(HazelcastInstance.class)
                        .doesNotHaveBean(PartitionedCameras.class));
    }

    @Test
    void camerasAreSharedAndMoveWhenAMemberDies() throws Exception {
        TestPavilions pavilions = new TestPavilions();
        for (int i = 0; i < 24; i++) {
            pavilions.create("carrier-a", 1);
        }
        Set<String> all = pavilions.all().stream().map(Pavilion::id).collect(Collectors.toSet());
        int portA = freePort();
        int portB = freePort();
        List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
        HazelcastInstance a = Hazelcast.newHazelcastInstance(ClusterConfiguration.memberConfig(properties("a", portA, members)));
        PartitionedCameras camerasA = new PartitionedCameras(a, pavilions, e -> { }, Duration.ofMillis(200));
        camerasA.start();
        // alone, the first member owns every camera
        await(() -> camerasA.owned().equals(all), Duration.ofSeconds(30));
        HazelcastInstance b = Hazelcast.newHazelcastInstance(ClusterConfiguration.memberConfig(properties("b", portB, members)));
        List<Object> eventsB = new CopyOnWriteArrayList<>();
        PartitionedCameras camerasB = new PartitionedCameras(b, pavilions, eventsB::add, Duration.ofMillis(200));
        try {
            long joined = System.nanoTime();
            assertThat(a.getCluster().getMembers()).hasSize(2);
            assertThat(b.getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
            camerasB.start();
            await(() -> !camerasB.owned().isEmpty() && camerasA.owned().size() + camerasB.owned().size() == all.size(),
                    Duration.ofSeconds(30));
            System.out.printf("PartitionedCamerasTest: cameras shared %.1f s after the second member joined%n",
                    (System.nanoTime() - joined) / 1e9);
            Set<String> both = new HashSet<>(camerasA.owned());
            both.retainAll(camerasB.owned());
            assertThat(both).as("sampled by both").isEmpty();
            Set<String> union = new HashSet<>(camerasA.owned());
            union.addAll(camerasB.owned());
            assertThat(union).as("every camera owned").isEqualTo(all);
            assertThat(camerasA.owned()).isNotEmpty();
            assertThat(camerasB.owned()).isNotEmpty();
            int changesBefore = eventsB.size();

            long killed = System.nanoTime();
            a.getLifecycleService().terminate();
            await(() -> camerasB.owned().equals(all), Duration.ofSeconds(30));
            System.out.printf("PartitionedCamerasTest: B owned all %d cameras %.1f s after A was terminated%n",
                    all.size(), (System.nanoTime() - killed) / 1e9);
            assertThat(eventsB.size()).isGreaterThan(changesBefore);
            assertThat(eventsB.get(eventsB.size() - 1)).isInstanceOf(CameraAssignmentChanged.class);
        } finally {
            camerasA.stop();
            camerasB.stop();
            a.getLifecycleService().terminate();
            b.getLifecycleService().terminate();
        }
    }

    static ClusterProperties properties(String id, int port, List<String> members) {
        return new ClusterProperties(true, "fillwatch-test-" + ProcessHandle.current().pid(), id, "127.0.0.1", port,
                members, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(200));
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(end);
            Thread.sleep(50);
        }
    }
}
