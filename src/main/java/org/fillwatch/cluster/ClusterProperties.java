package org.fillwatch.cluster;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scale-out ({@code fillwatch.cluster.*}); nothing here matters unless enabled.
 *
 * @param enabled          true starts a Hazelcast member and shares the cameras; false (default) samples all
 * @param name             cluster name: members with another name never join
 * @param instanceId       how this instance names itself in logs and {@code /actuator/cluster}; empty: host:port
 * @param bindAddress      interface the member listens on and announces (default loopback)
 * @param port             member port
 * @param members          the peers to join, {@code host} or {@code host:port} (TCP-IP join; multicast is off)
 * @param heartbeat        how often members tell each other they are alive
 * @param failureTimeout   silence after which a member is taken as dead and its cameras move
 * @param recheck          how often the ownership is compared with the cameras sampled, besides the
 *                         membership and migration events
 */
@ConfigurationProperties("fillwatch.cluster")
public record ClusterProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("fillwatch") String name,
        @DefaultValue("") String instanceId,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("5701") int port,
        @DefaultValue("127.0.0.1") List<String> members,
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("10s") Duration failureTimeout,
        @DefaultValue("2s") Duration recheck) {

    public ClusterProperties {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("fillwatch.cluster.port must be within 1..65535, got " + port);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("fillwatch.cluster.name must not be empty");
        }
        if (members == null || members.isEmpty() || members.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw new IllegalArgumentException("fillwatch.cluster.members must list at least one host[:port], got "
                    + members);
        }
        if (heartbeat.toSeconds() < 1 || failureTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("fillwatch.cluster.heartbeat must be at least 1s and "
                    + "fillwatch.cluster.failure-timeout at least twice the heartbeat, got " + heartbeat + " / "
                    + failureTimeout);
        }
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("fillwatch.cluster.recheck must be positive, got " + recheck);
        }
        instanceId = instanceId == null || instanceId.isBlank() ? bindAddress + ":" + port : instanceId;
    }
}
