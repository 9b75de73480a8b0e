package org.fillwatch.camera;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fillwatch.camera.CameraStatus.State;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor "cameras": UP while the service samples, with how many cameras are online and
 * offline and each one's status. An offline camera is a site problem, not the service being down;
 * nor is overload, which is reported under {@code sampling} (the node samples less often, still UP).
 */
@Component("camerasHealthIndicator")
class CamerasHealthIndicator implements HealthIndicator {

    private final CameraSampler sampler;

    CamerasHealthIndicator(CameraSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public Health health() {
        Map<State, Integer> counts = new LinkedHashMap<>();
        Map<String, Object> cameras = new LinkedHashMap<>();
        for (CameraSession session : sampler.sessions().values()) {
            CameraStatus s = session.state().snapshot();
            counts.merge(s.state(), 1, Integer::sum);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", s.state());
            detail.put("url", session.pavilion().camera().maskedUrl());
            detail.put("lastFrameAt", s.lastFrameAt());
            detail.put("offlineSince", s.offlineSince());
            detail.put("framesSampled", s.framesSampled());
            detail.put("skipped", session.state().skippedCount());
            detail.put("failures", session.state().failureCount());
            detail.put("consecutiveFailures", s.consecutiveFailures());
            detail.put("lastError", s.lastError()); // masked when recorded
            detail.values().removeIf(java.util.Objects::isNull);
            cameras.put(s.pavilionId(), detail);
        }
        SamplingLoad.Report load = sampler.load().report();
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("degraded", load.degraded());
        sampling.put("lastWindowOver", load.lastWindowOver());
        sampling.put("stretch", Math.round(load.stretch() * 100) / 100.0);
        sampling.put("stretchedSince", load.stretchedSince());
        sampling.put("lagP99Ms", load.lagP99Ms());
        sampling.put("lagMaxMs", load.lagMaxMs());
        sampling.put("samples", load.samples());
        sampling.put("shed", load.shed());
        sampling.put("queued", sampler.queued());
        sampling.put("requestsInFlight", sampler.requestsInFlight());
        sampling.values().removeIf(java.util.Objects::isNull);
        return Health.up()
                .withDetail("sampling", sampling)
                .withDetail("online", counts.getOrDefault(State.ONLINE, 0))
                .withDetail("offline", counts.getOrDefault(State.OFFLINE, 0))
                .withDetail("starting", counts.getOrDefault(State.STARTING, 0))
                .withDetail("disabled", counts.getOrDefault(State.DISABLED, 0))
                .withDetail("cameras", new java.util.TreeMap<>(cameras))
                .build();
    }
}
