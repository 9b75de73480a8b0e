package org.fillwatch.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fillwatch.camera.CameraAssignment;
import org.fillwatch.camera.CameraAssignmentChanged;
import org.fillwatch.pavilion.Pavilions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A camera belongs to the member that owns the Hazelcast partition of its pavilion id. Membership
 * and migration events, and a periodic recheck (a partition orphaned by a dead member is owned
 * again only once its backup is promoted), make the camera module take up or let go of cameras.
 * Checks run on one thread of their own, never on Hazelcast's event threads.
 */
class PartitionedCameras implements CameraAssignment, MembershipListener, MigrationListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionedCameras.class);

    private final HazelcastInstance hazelcast;
    private final Pavilions pavilions;
    private final Consumer<Object> events;
    private final Duration recheck;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-assignment");
        t.setDaemon(true);
        return t;
    });
    private volatile Set<String> owned = Set.of();

    PartitionedCameras(HazelcastInstance hazelcast, Pavilions pavilions, Consumer<Object> events, Duration recheck) {
        this.hazelcast = hazelcast;
        this.pavilions = pavilions;
        this.events = events;
        this.recheck = recheck;
    }

    @Override
    public boolean owns(String pavilionId) {
        Member owner = hazelcast.getPartitionService().getPartition(pavilionId).getOwner();
        return owner != null && owner.localMember();
    }

    /** The pavilions whose cameras this member owns, as of the last check. */
    Set<String> owned() {
        return owned;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        hazelcast.getCluster().addMembershipListener(this);
        hazelcast.getPartitionService().addMigrationListener(this);
        checker.scheduleWithFixedDelay(() -> check("recheck"), 0, recheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        checker.shutdownNow();
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        log.info("Cluster member joined: {} ({} member(s))", event.getMember().getAddress(), event.getMembers().size());
        soon("member joined");
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        log.warn("Cluster member left: {} ({} member(s))", event.getMember().getAddress(), event.getMembers().size());
        soon("member left");
    }

    @Override
    public void migrationFinished(MigrationState state) {
        soon("partitions migrated");
    }

    @Override
    public void migrationStarted(MigrationState state) {
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
    }

    private void soon(String reason) {
        try {
            checker.execute(() -> check(reason));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // shutting down
        }
    }

    /** Tells the camera module when the set of owned cameras changed. */
    void check(String reason) {
        try {
            Set<String> now = new TreeSet<>();
            pavilions.all().forEach(p -> {
                if (owns(p.id())) {
                    now.add(p.id());
                }
            });
            if (!now.equals(owned)) {
                log.info("This member owns {} of {} camera(s) now ({})", now.size(), pavilions.all().size(), reason);
                owned = Set.copyOf(now);
                events.accept(new CameraAssignmentChanged(reason));
            }
        } catch (RuntimeException e) {
            // e.g. the member is shutting down; the next check tries again
            log.warn("Camera ownership check failed ({}): {}", reason, e.toString());
        }
    }
}
