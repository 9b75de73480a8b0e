package org.fillwatch.labelling;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Table {@code operator_label} (Flyway V20). One label per container and reading: labelling the
 * same reading again replaces the label. Also used without Spring by {@code finetune --site}.
 */
@Component
class LabelStore {

    private final JdbcClient jdbc;

    LabelStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Transactional
    OperatorLabel save(String pavilionId, String containerId, Instant readingTime, String label, byte[] jpeg,
                       Instant labelledAt) {
        // databases keep microseconds; a camera time with nanoseconds would not find its own row again
        OffsetDateTime reading = utc(readingTime.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        int updated = jdbc.sql("UPDATE operator_label SET label = ?, crop_jpeg = ?, labelled_at = ?"
                        + " WHERE pavilion_id = ? AND container_id = ? AND reading_time = ?")
                .params(label, jpeg, utc(labelledAt), pavilionId, containerId, reading).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO operator_label (pavilion_id, container_id, reading_time, label, crop_jpeg, labelled_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(pavilionId, containerId, reading, label, jpeg, utc(labelledAt)).update();
        }
        return jdbc.sql(SELECT + " WHERE pavilion_id = ? AND container_id = ? AND reading_time = ?")
                .params(pavilionId, containerId, reading).query(LabelStore::row).single();
    }

    /** All labels with their crops, of one pavilion or (null) of all, oldest reading first. */
    List<OperatorLabel> list(String pavilionId) {
        if (pavilionId == null) {
            return jdbc.sql(SELECT + " ORDER BY reading_time, id").query(LabelStore::row).list();
        }
        return jdbc.sql(SELECT + " WHERE pavilion_id = ? ORDER BY reading_time, id").param(pavilionId)
                .query(LabelStore::row).list();
    }

    private static final String SELECT = "SELECT id, pavilion_id, container_id, reading_time, label, labelled_at, crop_jpeg"
            + " FROM operator_label";

    private static OperatorLabel row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new OperatorLabel(rs.getLong("id"), rs.getString("pavilion_id"), rs.getString("container_id"),
                rs.getObject("reading_time", OffsetDateTime.class).toInstant(), rs.getString("label"),
                rs.getObject("labelled_at", OffsetDateTime.class).toInstant(), rs.getBytes("crop_jpeg"));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
