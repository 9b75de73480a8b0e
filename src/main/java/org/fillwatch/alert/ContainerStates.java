package org.fillwatch.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
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
    private final Map<String, FillReading> pending = new ConcurrentHashMap<>();

    ContainerStates(CarrierMqtt mqtt, JsonMapper json) {
        this.mqtt = mqtt;
        this.json = json;
    }

    static String topic(String pavilionId, String containerId) {
        return "fillwatch/containers/" + Topics.level(pavilionId) + "/" + Topics.level(containerId) + "/state";
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
