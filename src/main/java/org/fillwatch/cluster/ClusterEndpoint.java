package org.fillwatch.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fillwatch.camera.CameraStatus;
import org.fillwatch.camera.CameraStatuses;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code GET /actuator/cluster}: this member, its peers, the cameras it owns and those it samples. */
@Endpoint(id = "cluster")
class ClusterEndpoint {

    private final HazelcastInstance hazelcast;
    private final PartitionedCameras cameras;
    private final CameraStatuses statuses;
    private final String instanceId;

    ClusterEndpoint(HazelcastInstance hazelcast, PartitionedCameras cameras, CameraStatuses statuses,
                    String instanceId) {
        this.hazelcast = hazelcast;
        this.cameras = cameras;
        this.statuses = statuses;
        this.instanceId = instanceId;
    }

    @ReadOperation
    Map<String, Object> cluster() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instanceId", instanceId);
        answer.put("member", hazelcast.getCluster().getLocalMember().getAddress().toString());
        answer.put("members", hazelcast.getCluster().getMembers().stream().map(Member::getAddress)
                .map(Object::toString).toList());
        answer.put("clusterSafe", hazelcast.getPartitionService().isClusterSafe());
        answer.put("ownedCameras", List.copyOf(cameras.owned()));
        answer.put("sampledCameras", statuses.all().stream().map(ClusterEndpoint::sampled).toList());
        return answer;
    }

    private static Map<String, Object> sampled(CameraStatus status) {
        Map<String, Object> camera = new LinkedHashMap<>();
        camera.put("pavilionId", status.pavilionId());
        camera.put("state", status.state().name());
        camera.put("framesSampled", status.framesSampled());
        camera.put("lastFrameAt", status.lastFrameAt() == null ? null : status.lastFrameAt().toString());
        return camera;
    }
}
