package org.fillwatch.testing;

import java.util.Locale;
import java.util.UUID;

/**
 * Where the integration tests find the real servers that scripts/test.sh starts. Each address comes
 * from a system property, else an environment variable, else the loopback default.
 */
public final class ItServers {

    /** One suffix per test JVM, for the databases the tests create and drop. */
    public static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private ItServers() {
    }

    public static String influxUrl() {
        return setting("fillwatch.it.influx.url", "http://127.0.0.1:8086");
    }

    public static String mqttUrl() {
        return setting("fillwatch.it.mqtt.url", "tcp://127.0.0.1:1883");
    }

    /** A database of the PostgreSQL server that the test user may connect to, to create others. */
    public static String postgresAdminUrl() {
        return setting("fillwatch.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    public static String postgresUser() {
        return setting("fillwatch.it.postgres.user", "postgres");
    }

    public static String postgresPassword() {
        return setting("fillwatch.it.postgres.password", "");
    }

    public static String mosquittoCommand() {
        return setting("fillwatch.it.mosquitto", "mosquitto");
    }

    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
