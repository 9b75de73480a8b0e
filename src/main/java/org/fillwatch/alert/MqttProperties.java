package org.fillwatch.alert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fillwatch.mqtt.*}: the broker the carrier alerts go to.
 *
 * @param url              e.g. {@code tcp://127.0.0.1:1883}; empty starts an embedded broker on loopback
 * @param embeddedPort     port of the embedded broker (not 1883, which a system Mosquitto may own)
 * @param clientId         a stable id: the session (clean session off) survives reconnects
 * @param resubmitInterval how often alerts that could not be delivered are tried again
 * @param keepDelivered    how long delivered alerts stay in the event publication table
 */
@ConfigurationProperties("fillwatch.mqtt")
record MqttProperties(@DefaultValue("") String url,
                      @DefaultValue("1884") int embeddedPort,
                      @DefaultValue("fillwatch") String clientId,
                      String username,
                      String password,
                      @DefaultValue("5s") Duration connectTimeout,
                      @DefaultValue("10s") Duration publishTimeout,
                      @DefaultValue("30s") Duration resubmitInterval,
                      @DefaultValue("7d") Duration keepDelivered) {

    boolean embedded() {
        return url == null || url.isBlank();
    }
}
