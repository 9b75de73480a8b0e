package org.fillwatch.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.fillwatch.reading.ContainersUnknown;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.LatestReadings;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.vision.FillState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each container's latest reading, retained on {@code fillwatch/containers/{pavilion}/{container}/state}.
 * Readings only go into a map here (the camera thread must never wait for the broker); a flush sends
 * the newest per container. While the broker is away they wait, newer ones replacing older ones.
 */
class ContainerStates {

    record State(String pavilion, String container, double fillPercent, String state, double confidence,
                 String time) {
    }

    private static final Logger log = LoggerFactory.getLogger(ContainerStates.class);

    private final CarrierMqtt mqtt;
    private final JsonMapper json;
    private final LatestReadings latest;
    private final Map<String, FillReading> pending = new ConcurrentHashMap<>();

    ContainerStates(CarrierMqtt mqtt, JsonMapper json, LatestReadings latest) {
        this.mqtt = mqtt;
        this.latest = latest;
        this.json = json;
    }

    static String topic(String pavilionId, String containerId) {
        return "fillwatch/containers/" + Topics.level(pavilionId) + "/" + Topics.level(containerId) + "/state";
    }

    /**
     * The camera went offline or its view was tampered: every container of the pavilion gets an
     * UNKNOWN state (with its last known fill) at the outage time, so the retained message no longer
     * shows a state nobody can see; the next real reading replaces it.
     */
    @EventListener
    void on(ContainersUnknown unknown) {
        for (FillReading last : latest.ofPavilion(unknown.pavilionId())) {
            FillReading r = new FillReading(unknown.at(), last.pavilionId(), last.containerId(), last.district(),
                    last.carrierId(), last.fillPercent(), FillState.UNKNOWN, 0, last.modelVersion());
            pending.merge(r.pavilionId() + "/" + r.containerId(), r,
                    (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
        }
    }

    @EventListener
    void on(ReadingsRecorded recorded) {
        for (FillReading r : recorded.readings()) {
            pending.merge(r.pavilionId() + "/" + r.containerId(), r,
                    (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
        }
    }

    @Scheduled(initialDelayString = "${fillwatch.mqtt.state-interval:1s}",
            fixedDelayString = "${fillwatch.mqtt.state-interval:1s}")
    void flush() {
        if (!mqtt.isConnected()) {
            return;
        }
        for (String key : pending.keySet()) {
            FillReading r = pending.remove(key);
            if (r == null) {
                continue;
            }
            try {
                mqtt.publish(topic(r.pavilionId(), r.containerId()), json.writeValueAsBytes(new State(r.pavilionId(),
                        r.containerId(), Math.round(r.fillPercent() * 10) / 10.0, r.state().name(), r.confidence(),
                        r.time().toString())), true);
            } catch (MqttException e) {
                // keep it for the next flush unless a newer one arrived meanwhile
                pending.putIfAbsent(key, r);
                log.debug("Container state {} not sent: {}", key, e.getMessage());
                return;
            }
        }
    }
}
