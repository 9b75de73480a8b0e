package org.fillwatch.incident;

import java.time.Clock;
import org.fillwatch.pavilion.Pavilions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The deadline policy, the desk, camera health and the deadline check; the clock is a bean so tests can move time. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncidentProperties.class)
class IncidentConfiguration {

    @Bean
    DeadlinePolicy deadlinePolicy(IncidentProperties properties) {
        return DeadlinePolicy.of(properties);
    }

    @Bean
    IncidentDeskService incidentDesk(IncidentStore store, ApplicationEventPublisher events,
                                     TransactionTemplate transactions, ObjectProvider<Clock> clock) {
        return new IncidentDeskService(store, events, transactions, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CameraHealth cameraHealth(IncidentStore store, Pavilions pavilions, ApplicationEventPublisher events,
                              TransactionTemplate transactions, DeadlinePolicy deadlines, IncidentProperties properties,
                              ObjectProvider<Clock> clock) {
        return new CameraHealth(store, pavilions, events, transactions, deadlines,
                properties.cameraOffline().holdDown(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    DeadlineCheck deadlineCheck(IncidentStore store, ApplicationEventPublisher events,
                                TransactionTemplate transactions, ObjectProvider<Clock> clock) {
        return new DeadlineCheck(store, events, transactions, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    IncidentTrendsStore incidentTrends(JdbcClient jdbc, IncidentStore store, ObjectProvider<Clock> clock) {
        return new IncidentTrendsStore(jdbc, store, clock.getIfAvailable(Clock::systemUTC));
    }
}
