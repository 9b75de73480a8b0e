package org.fillwatch.timeseries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.vision.FillState;
import okhttp3.OkHttpClient;
import org.influxdb.dto.BatchPoints;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Point;
import org.influxdb.dto.Pong;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Readings in InfluxDB through the v1 HTTP API (InfluxDB 1.x, and 2.x/3.x v1 compatibility):
 * measurement {@value #MEASUREMENT}, tags pavilion, container, district, carrier, state; fields
 * fill_pct, confidence, model_version. Readings queue in a bounded {@link ReadingWriter} and go out
 * in batches of at most {@code batch-actions} points per request.
 */
class InfluxFillStore implements FillHistory, AutoCloseable {

    static final String MEASUREMENT = "fill_level";
    static final String RETENTION_POLICY = "fillwatch";

    private static final Logger log = LoggerFactory.getLogger(InfluxFillStore.class);

    /** How often a store that could not prepare its database at start-up tries again. */
    private static final long PREPARE_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final InfluxDB influx;
    private final TimeseriesProperties.Influx settings;
    private final ReadingWriter writer;
    private volatile boolean prepared;
    private volatile long lastPrepareAttempt;

    InfluxFillStore(TimeseriesProperties.Influx settings, TimeseriesProperties.Writer writerSettings) {
        this.settings = settings;
        // short connect timeout: an unreachable server must not hold a camera worker for long
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS);
        this.influx = settings.username() == null || settings.username().isBlank()
                ? InfluxDBFactory.connect(settings.url(), http)
                : InfluxDBFactory.connect(settings.url(), settings.username(), settings.password(), http);
        influx.setDatabase(settings.database());
        prepareDatabase();
        // not the client's own batching: its buffer has no bound; ours does, and it pushes back
        this.writer = new ReadingWriter("InfluxDB", this::writeBatch, writerSettings.queueCapacity(),
                settings.batchActions(), writerSettings.offerTimeout());
    }

    /** Creates the database if absent (CREATE DATABASE is idempotent) and its retention policy if asked for. */
    private void prepareDatabase() {
        String db = settings.database();
        lastPrepareAttempt = System.nanoTime();
        try {
            check(influx.query(new Query("CREATE DATABASE " + quoted(db))));
            String retention = settings.retention();
            if (retention != null && !retention.isBlank()) {
                String spec = " ON " + quoted(db) + " DURATION " + retention.trim() + " REPLICATION 1 DEFAULT";
                QueryResult created = influx.query(new Query("CREATE RETENTION POLICY " + quoted(RETENTION_POLICY) + spec));
                if (created.hasError()) {
                    // exists already with other settings: bring it to the configured duration
                    check(influx.query(new Query("ALTER RETENTION POLICY " + quoted(RETENTION_POLICY) + spec)));
                }
                influx.setRetentionPolicy(RETENTION_POLICY);
            }
            prepared = true;
        } catch (RuntimeException e) {
            // the server may come later: tried again with the next readings, at most once a minute
            log.warn("Could not prepare InfluxDB database {} at {}: {}", db, settings.url(), e.toString());
        }
    }

    /** Queued for the writer, which sends each gathered batch in one request. */
    @EventListener
    void on(ReadingsRecorded recorded) {
        writer.offer(recorded.readings());
    }

    private void writeBatch(List<FillReading> readings) {
        if (!prepared && System.nanoTime() - lastPrepareAttempt > PREPARE_RETRY_NANOS) {
            prepareDatabase();
        }
        BatchPoints.Builder batch = BatchPoints.database(settings.database()).precision(TimeUnit.MILLISECONDS);
        String retention = settings.retention();
        if (retention != null && !retention.isBlank()) {
            batch.retentionPolicy(RETENTION_POLICY);
        }
        for (FillReading r : readings) {
            batch.point(point(r));
        }
        try {
            influx.write(batch.build());
        } catch (RuntimeException e) {
            log.warn("{} readings not written to InfluxDB at {}: {}", readings.size(), settings.url(), e.toString());
        }
    }

    private static Point point(FillReading r) {
        return Point.measurement(MEASUREMENT)
                .time(r.time().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("pavilion", r.pavilionId())
                .tag("container", r.containerId())
                .tag("district", nonNull(r.district()))
                .tag("carrier", nonNull(r.carrierId()))
                .tag("state", r.state().name())
                .addField("fill_pct", r.fillPercent())
                .addField("confidence", r.confidence())
                .addField("model_version", nonNull(r.modelVersion()))
                .build();
    }

    @Override
    public List<FillReading> of(String pavilionId, String containerId, Instant from, Instant to) {
        writer.flush(java.time.Duration.ofSeconds(5));
        Query query = BoundParameterQuery.QueryBuilder.newQuery(
                        "SELECT fill_pct, confidence, model_version, district, carrier, state FROM " + MEASUREMENT
                                + " WHERE pavilion = $pavilion AND container = $container"
                                + " AND time >= $from AND time < $to ORDER BY time")
                .forDatabase(settings.database())
                .bind("pavilion", pavilionId)
                .bind("container", containerId)
                .bind("from", from.toString())
                .bind("to", to.toString())
                .create();
        QueryResult result = check(influx.query(query, TimeUnit.MILLISECONDS));
        List<FillReading> readings = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : r.getSeries()) {
                List<String> columns = series.getColumns();
                for (List<Object> row : series.getValues()) {
                    readings.add(new FillReading(
                            Instant.ofEpochMilli(((Number) row.get(columns.indexOf("time"))).longValue()),
                            pavilionId, containerId,
                            (String) row.get(columns.indexOf("district")),
                            (String) row.get(columns.indexOf("carrier")),
                            ((Number) row.get(columns.indexOf("fill_pct"))).doubleValue(),
                            FillState.valueOf((String) row.get(columns.indexOf("state"))),
                            ((Number) row.get(columns.indexOf("confidence"))).doubleValue(),
                            (String) row.get(columns.indexOf("model_version"))));
                }
            }
        }
        return readings;
    }

    Pong ping() {
        return influx.ping();
    }

    String url() {
        return settings.url();
    }

    ReadingWriter writer() {
        return writer;
    }

    @Override
    public void close() {
        writer.close();
        influx.close();
    }

    private static QueryResult check(QueryResult result) {
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB: " + result.getError());
        }
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxDB: " + r.getError());
            }
        }
        return result;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\\\"") + '"';
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
