package org.fillwatch.alert;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.fillwatch.testing.FreshPostgresConfig;
import org.fillwatch.testing.TestPavilions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The service on a fresh PostgreSQL database, alerts resubmitted every second, for tests that stop
 * and start a broker of their own (each class points {@code fillwatch.mqtt.url} at it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "fillwatch.timeseries.store=embedded",
        "fillwatch.cameras.enabled=false",
        "fillwatch.mqtt.resubmit-interval=1s",
        "fillwatch.mqtt.connect-timeout=2s",
        "fillwatch.mqtt.client-id=fillwatch-outbox-${random.uuid}",
        "fillwatch.incidents.escalation-check=1d"})
@Import({TestPavilions.Config.class, FreshPostgresConfig.class})
// its own context, closed after the class rather than kept in the cache until the JVM ends
@DirtiesContext
@interface PrivateBrokerServiceTest {
}
