package org.fillwatch.incident;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.testing.FreshH2;
import org.fillwatch.timeseries.FillHistory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An {@link IncidentKeeper} on a fresh H2 register with the default settings, without Spring. */
final class KeeperOnH2 {

    final IncidentStore store;
    final IncidentKeeper keeper;

    /** @param history null: no look back at a container's first reading */
    KeeperOnH2(Pavilions pavilions, ApplicationEventPublisher events, boolean forecast, FillHistory history) {
        DataSource h2 = FreshH2.migrated();
        JdbcTransactionManager transactions = new JdbcTransactionManager(h2);
        store = new IncidentStore(JdbcClient.create(h2), transactions);
        IncidentProperties properties = new IncidentProperties(new IncidentProperties.Deadlines(Map.of(), Map.of()),
                Duration.ofMinutes(1), new IncidentProperties.CameraOffline(Duration.ofMinutes(10), Duration.ofSeconds(30)),
                new IncidentProperties.Forecast(forecast, Duration.ofHours(2), Map.of(), Duration.ofHours(6), 6,
                        Duration.ofMinutes(30), 7, "UTC"));
        keeper = new IncidentKeeper(store, pavilions, events, new TransactionTemplate(transactions),
                DeadlinePolicy.of(properties), properties, history);
    }
}
