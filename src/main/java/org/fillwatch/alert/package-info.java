/**
 * Carrier alerts: publishes every opened or closed incident as JSON with QoS 1 on
 * {@code fillwatch/carriers/{carrierId}/incidents}. Uses the configured MQTT broker, or starts an
 * embedded MQTT 3.1.1 broker (Moquette) on loopback when none is configured.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts")
package org.fillwatch.alert;
