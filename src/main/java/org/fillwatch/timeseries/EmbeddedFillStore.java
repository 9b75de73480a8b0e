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

/** The default store: table fill_reading in the application's own database, one batch per frame. */
class EmbeddedFillStore implements FillHistory {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedFillStore.class);

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    EmbeddedFillStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    /** A failed write is logged and dropped: storage trouble must not hold up the incident rules. */
    @EventListener
    void on(ReadingsRecorded recorded) {
        try {
            insert(recorded);
        } catch (DataAccessException e) {
            log.warn("{} readings not stored in fill_reading: {}", recorded.readings().size(), e.getMessage());
        }
    }

    private void insert(ReadingsRecorded recorded) {
        jdbc.batchUpdate("INSERT INTO fill_reading (reading_time, pavilion_id, container_id, district, carrier_id, "
                        + "fill_pct, state, confidence, model_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                recorded.readings(), recorded.readings().size(), (ps, r) -> {
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
        return client.sql("SELECT * FROM fill_reading WHERE pavilion_id = ? AND container_id = ? "
                        + "AND reading_time >= ? AND reading_time < ? ORDER BY reading_time")
                .params(pavilionId, containerId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query(EmbeddedFillStore::map).list();
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
