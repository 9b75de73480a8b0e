package org.fillwatch.alert;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.fillwatch.incident.IncidentDesk;
import org.fillwatch.reading.LatestReadings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** Wires the broker connection (external, or embedded when no URL is set) and the alert listener. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MqttProperties.class, WebhookProperties.class})
@EnableAsync
@EnableScheduling
class AlertConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertConfiguration.class);

    /**
     * A broker outage makes every alert attempt fail; {@link CarrierAlerts} already logged that in
     * one line, so only other failures of asynchronous listeners get a stack trace. (A bean of its
     * own: Spring Boot wraps AsyncConfigurer beans, which must not be configuration classes.)
     */
    @Bean
    AsyncConfigurer quietBrokerOutages() {
        return new AsyncConfigurer() {
            @Override
            public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
                return (error, method, params) -> {
                    if (!(error instanceof MqttException) && !(error instanceof CarrierWebhooks.WebhookFailed)) {
                        log.error("Asynchronous {} failed", method, error);
                    }
                };
            }
        };
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoBrokerConfigured.class)
    EmbeddedMqttBroker embeddedMqttBroker(MqttProperties properties) {
        return new EmbeddedMqttBroker(properties.embeddedPort());
    }

    @Bean(destroyMethod = "close")
    CarrierMqtt carrierMqtt(MqttProperties properties, ObjectProvider<EmbeddedMqttBroker> embedded) {
        String url = properties.embedded() ? embedded.getObject().url() : properties.url().trim();
        return new CarrierMqtt(url, properties);
    }

    /** True when fillwatch.mqtt.url is unset or empty. */
    static class NoBrokerConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("fillwatch.mqtt.url");
            return url == null || url.isBlank();
        }
    }

    @Bean
    CarrierAlerts carrierAlerts(CarrierMqtt mqtt, JsonMapper json) {
        return new CarrierAlerts(mqtt, json);
    }

    @Bean
    OperatorEscalations operatorEscalations(CarrierAlerts alerts) {
        return new OperatorEscalations(alerts);
    }

    @Bean
    @org.springframework.context.annotation.Conditional(WebhooksConfigured.class)
    CarrierWebhooks carrierWebhooks(WebhookProperties properties, JsonMapper json) {
        return new CarrierWebhooks(properties, json);
    }

    @Bean
    CarrierAcks carrierAcks(CarrierMqtt mqtt, IncidentDesk desk, JsonMapper json) {
        CarrierAcks acks = new CarrierAcks(desk, json);
        mqtt.subscribe(CarrierAcks.TOPIC_FILTER, acks::handle);
        return acks;
    }

    @Bean
    ContainerStates containerStates(CarrierMqtt mqtt, JsonMapper json, LatestReadings latest) {
        return new ContainerStates(mqtt, json, latest);
    }

    @Bean
    OutboxResubmitter outboxResubmitter(IncompleteEventPublications incomplete, CompletedEventPublications completed,
                                        MqttProperties properties) {
        return new OutboxResubmitter(incomplete, completed, properties.resubmitInterval(),
                properties.keepDelivered());
    }

    @Bean
    HealthIndicator mqttHealthIndicator(CarrierMqtt mqtt, MqttProperties properties, CarrierAcks acks) {
        return () -> (mqtt.isConnected() ? Health.up() : Health.down())
                .withDetail("url", mqtt.url())
                .withDetail("embedded", properties.embedded())
                .withDetail("acksAccepted", acks.accepted())
                .withDetail("acksIgnored", acks.ignored())
                .build();
    }
}
