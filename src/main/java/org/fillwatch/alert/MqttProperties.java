package org.fillwatch.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fillwatch.mqtt.*}: the broker the carrier alerts go to.
 *
 * @param url              e.g. {@code tcp://127.0.0.1:1883}; empty starts an embedded broker on loopback
 * @param embeddedPort     port of the embedded broker (not 1883, which a system Mosquitto may own)
 * @param clientId         a stable id: the session (clean session off) survives reconnects
 * @param resubmitInterval how often alerts that could not be delivered are tried again
 * @param keepDelivered    how long delivered alerts stay in the event publication table
 * @param tls              trust and key stores for an {@code ssl://} broker URL
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
                      @DefaultValue("7d") Duration keepDelivered,
                      @DefaultValue Tls tls) {

    @ConstructorBinding
    MqttProperties {
    }

    /** Without TLS settings (the JVM's default trust store is used for {@code ssl://}). */
    MqttProperties(String url, int embeddedPort, String clientId, String username, String password,
                   Duration connectTimeout, Duration publishTimeout, Duration resubmitInterval, Duration keepDelivered) {
        this(url, embeddedPort, clientId, username, password, connectTimeout, publishTimeout, resubmitInterval,
                keepDelivered, new Tls(null, null, null, null));
    }

    /**
     * For {@code ssl://} URLs. Empty: the JVM's default trust store, no client certificate.
     *
     * @param trustStore         PKCS12 or JKS file holding the broker's CA certificate
     * @param trustStorePassword its password
     * @param keyStore           PKCS12 or JKS file with a client certificate, for brokers that require one
     * @param keyStorePassword   its password
     */
    record Tls(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword) {

        /** Paho's SSL properties; empty when nothing is configured. */
        Properties sslProperties() {
            Properties p = new Properties();
            if (trustStore != null) {
                p.setProperty("com.ibm.ssl.trustStore", trustStore.toAbsolutePath().toString());
                p.setProperty("com.ibm.ssl.trustStoreType", type(trustStore));
                if (trustStorePassword != null) {
                    p.setProperty("com.ibm.ssl.trustStorePassword", trustStorePassword);
                }
            }
            if (keyStore != null) {
                p.setProperty("com.ibm.ssl.keyStore", keyStore.toAbsolutePath().toString());
                p.setProperty("com.ibm.ssl.keyStoreType", type(keyStore));
                if (keyStorePassword != null) {
                    p.setProperty("com.ibm.ssl.keyStorePassword", keyStorePassword);
                }
            }
            return p;
        }

        @Override
        public String toString() {
            return "Tls[trustStore=" + trustStore + ", keyStore=" + keyStore + "]"; // no passwords
        }

        private static String type(Path store) {
            return store.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        }
    }

    @Override
    public String toString() {
        return "MqttProperties[url=" + url + ", clientId=" + clientId + ", username=" + username + ", tls=" + tls + "]";
    }

    boolean embedded() {
        return url == null || url.isBlank();
    }
}
