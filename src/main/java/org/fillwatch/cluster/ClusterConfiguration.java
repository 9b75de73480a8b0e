package org.fillwatch.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.fillwatch.camera.CameraStatuses;
import org.fillwatch.pavilion.Pavilions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Nothing of this exists, and nothing listens, unless {@code fillwatch.cluster.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
@ConditionalOnProperty(prefix = "fillwatch.cluster", name = "enabled", havingValue = "true")
class ClusterConfiguration {

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance hazelcast(ClusterProperties properties) {
        return Hazelcast.newHazelcastInstance(memberConfig(properties));
    }

    @Bean
    PartitionedCameras partitionedCameras(HazelcastInstance hazelcast, Pavilions pavilions,
                                          ApplicationEventPublisher events, ClusterProperties properties) {
        return new PartitionedCameras(hazelcast, pavilions, events::publishEvent, properties.recheck());
    }

    @Bean
    ClusterEndpoint clusterEndpoint(HazelcastInstance hazelcast, PartitionedCameras cameras,
                                    CameraStatuses statuses, ClusterProperties properties) {
        return new ClusterEndpoint(hazelcast, cameras, statuses, properties.instanceId());
    }

    /** Health contributor "cluster": DOWN once the member stopped running (the instance then samples nothing new). */
    @Bean
    HealthIndicator clusterHealthIndicator(HazelcastInstance hazelcast, PartitionedCameras cameras) {
        return () -> {
            if (!hazelcast.getLifecycleService().isRunning()) {
                return Health.down()
                        .withDetail("member", "not running").build();
            }
            return Health.up()
                    .withDetail("members", hazelcast.getCluster().getMembers().size())
                    .withDetail("clusterSafe", hazelcast.getPartitionService().isClusterSafe())
                    .withDetail("ownedCameras", cameras.owned().size())
                    .build();
        };
    }

    /**
     * A member that only ever talks to the listed peers on the configured interface: no multicast,
     * no cloud discovery, no phone-home, no Jet engine. Failure detection is tightened from
     * Hazelcast's 60 s so that a dead member's cameras move within seconds.
     */
    static Config memberConfig(ClusterProperties properties) {
        Config config = new Config();
        config.setClusterName(properties.name());
        config.setInstanceName("fillwatch-" + properties.instanceId());
        config.getJetConfig().setEnabled(false);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // Spring shuts the member down with the context; a JVM hook of its own would race with it
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // a clean stop hands the partitions over first; bounded, so a stop never hangs on a dead peer
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(properties.heartbeat().toSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds",
                Long.toString(Math.max(2, properties.failureTimeout().toSeconds())));
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        // two members that started apart (or were cut off) merge into one cluster within 10 s, not 5 min
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", properties.bindAddress());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(properties.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(properties.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(properties.members());
        return config;
    }
}
