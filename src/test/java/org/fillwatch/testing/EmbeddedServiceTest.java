package org.fillwatch.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service with its embedded defaults (H2 in memory, embedded store, in-process broker on a
 * free port) and {@link TestPavilions}. Every class carrying it shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:fillwatch-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "fillwatch.mqtt.url=",
        "fillwatch.mqtt.embedded-port=0",
        "fillwatch.timeseries.store=embedded",
        "fillwatch.cameras.enabled=false",
        // Prometheus' scrape token "test-scrape-token" (MetricsTest)
        "fillwatch.metrics.scrape-token-hash=13c4b17034af060632fe8b7be6bc6f69a4685016b0fa704285b6e071cbb0f51a",
        "fillwatch.evidence.dir=${java.io.tmpdir}/fillwatch-evidence-${random.uuid}",
        // deadlines are checked by the tests themselves, at the times they choose
        "fillwatch.incidents.escalation-check=1d"})
@Import(TestPavilions.Config.class)
public @interface EmbeddedServiceTest {
}
