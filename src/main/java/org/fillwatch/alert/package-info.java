/**
 * Carrier alerts over MQTT: incident events (QoS 1) on {@code fillwatch/carriers/{carrierId}/incidents},
 * escalations on {@code fillwatch/operators/escalations}, retained container states on
 * {@code fillwatch/containers/{pavilion}/{container}/state}, the service's availability (last will)
 * on {@code fillwatch/availability}; carriers' acks from {@code fillwatch/carriers/+/acks}. Optional
 * per-carrier signed webhooks. Every event goes through the transactional outbox (Spring Modulith's
 * event publication registry). Uses the configured broker, or an embedded MQTT 3.1.1 broker
 * (Moquette) on loopback when none is configured.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts")
package org.fillwatch.alert;
