package org.fillwatch.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.vision.FillState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The default store: table fill_reading in the application's own database. Readings go through a
 * bounded {@link ReadingWriter}: whatever gathered while the last write ran is written as one JDBC
 * batch in one transaction, so the cost per reading falls as the rate rises.
 */
class EmbeddedFillStore implements FillHistory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedFillStore.class);

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    private final ReadingWriter writer;
    private final TransactionTemplate transactions;

    EmbeddedFillStore(JdbcTemplate jdbc, TimeseriesProperties.Writer settings) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.writer = new ReadingWriter("fill_reading", this::insert, settings.queueCapacity(), settings.batch(),
                settings.offerTimeout());
    }

    /** Queued for the writer; storage trouble must not hold up the incident rules for longer than the offer timeout. */
    @EventListener
    void on(ReadingsRecorded recorded) {
        writer.offer(recorded.readings());
    }

    /** A failed write is logged and dropped (by the writer). */
    private void insert(List<FillReading> readings) {
        try {
            transactions.executeWithoutResult(tx -> batchInsert(readings));
        } catch (DataAccessException e) {
            log.warn("{} readings not stored in fill_reading: {}", readings.size(), e.getMessage());
        }
    }

    private void batchInsert(List<FillReading> readings) {
        jdbc.batchUpdate("INSERT INTO fill_reading (reading_time, pavilion_id, container_id, district, carrier_id, "
                        + "fill_pct, state, confidence, model_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                readings, readings.size(), (ps, r) -> {
                    ps.setObject(1, r.time().atOffset(ZoneOffset.UTC));
                    ps.setString(2, r.pavilionId());
                    ps.setString(3, r.containerId());
                    ps.setString(4, r.district());
                    ps.setString(5, r.carrierId());
                    ps.setDouble(6, r.fillPercent());
                    ps.setString(7, r.state().name());
                    ps.setDouble(8, r.confidence());
                    ps.setString(9, r.modelVersion());
                });
    }

    @Override
    public List<FillReading> of(String pavilionId, String containerId, Instant from, Instant to) {
        writer.flush(java.time.Duration.ofSeconds(5)); // what was recorded before the question is in the answer
        return readings(pavilionId, containerId, from, to, "ORDER BY reading_time");
    }

    @Override
    public List<FillReading> lastStored(String pavilionId, String containerId, Instant from, Instant to, int limit) {
        List<FillReading> readings = readings(pavilionId, containerId, from, to, "ORDER BY reading_time DESC LIMIT " + limit);
        java.util.Collections.reverse(readings);
        return readings;
    }

    private List<FillReading> readings(String pavilionId, String containerId, Instant from, Instant to, String order) {
        return new java.util.ArrayList<>(client.sql("SELECT * FROM fill_reading WHERE pavilion_id = ? AND container_id = ? "
                        + "AND reading_time >= ? AND reading_time < ? " + order)
                .params(pavilionId, containerId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query(EmbeddedFillStore::map).list());
    }

    /**
     * Deletes the readings before {@code cutoff}, {@code chunk} rows per statement so that no
     * transaction holds a day of rows (and the writer's inserts wait behind it).
     *
     * @return the rows deleted
     */
    long deleteBefore(Instant cutoff, int chunk) {
        long deleted = 0;
        int n;
        do {
            n = client.sql("DELETE FROM fill_reading WHERE id IN (SELECT id FROM fill_reading WHERE reading_time < ? "
                            + "ORDER BY reading_time LIMIT ?)")
                    .params(cutoff.atOffset(ZoneOffset.UTC), chunk).update();
            deleted += n;
        } while (n == chunk);
        return deleted;
    }

    ReadingWriter writer() {
        return writer;
    }

    @Override
    public void close() {
        writer.close();
    }

    /** Touches the table without scanning it, for the health check. */
    void probe() {
        client.sql("SELECT reading_time FROM fill_reading ORDER BY id DESC LIMIT 1").query().listOfRows();
    }

    private static FillReading map(ResultSet rs, int row) throws SQLException {
        return new FillReading(rs.getObject("reading_time", OffsetDateTime.class).toInstant(),
                rs.getString("pavilion_id"), rs.getString("container_id"), rs.getString("district"),
                rs.getString("carrier_id"), rs.getDouble("fill_pct"), FillState.valueOf(rs.getString("state")),
                rs.getDouble("confidence"), rs.getString("model_version"));
    }
}
