package org.fillwatch.timeseries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.vision.FillState;
import okhttp3.OkHttpClient;
import org.influxdb.BatchOptions;
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
 * fill_pct, confidence, model_version. Writes are buffered and flushed in batches by the client.
 */
class InfluxFillStore implements FillHistory, AutoCloseable {

    static final String MEASUREMENT = "fill_level";
    static final String RETENTION_POLICY = "fillwatch";

    private static final Logger log = LoggerFactory.getLogger(InfluxFillStore.class);

    /** How often a store that could not prepare its database at start-up tries again. */
    private static final long PREPARE_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final InfluxDB influx;
    private final TimeseriesProperties.Influx settings;
    private volatile boolean prepared;
    private volatile long lastPrepareAttempt;

    InfluxFillStore(TimeseriesProperties.Influx settings) {
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
        influx.enableBatch(BatchOptions.DEFAULTS
                .actions(settings.batchActions())
                .flushDuration((int) settings.flushInterval().toMillis())
                .precision(TimeUnit.MILLISECONDS)
                .exceptionHandler((points, e) -> log.warn("InfluxDB write to {} failed: {}", settings.url(), e.toString())));
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

    /** Hands the points to the client's buffer; failed flushes are logged by the batch's handler. */
    @EventListener
    void on(ReadingsRecorded recorded) {
        if (!prepared && System.nanoTime() - lastPrepareAttempt > PREPARE_RETRY_NANOS) {
            prepareDatabase();
        }
        for (FillReading r : recorded.readings()) {
            write(r);
        }
    }

    private void write(FillReading r) {
        try {
            influx.write(Point.measurement(MEASUREMENT)
                    .time(r.time().toEpochMilli(), TimeUnit.MILLISECONDS)
                    .tag("pavilion", r.pavilionId())
                    .tag("container", r.containerId())
                    .tag("district", nonNull(r.district()))
                    .tag("carrier", nonNull(r.carrierId()))
                    .tag("state", r.state().name())
                    .addField("fill_pct", r.fillPercent())
                    .addField("confidence", r.confidence())
                    .addField("model_version", nonNull(r.modelVersion()))
                    .build());
        } catch (RuntimeException e) {
            log.warn("Reading of {}/{} not written to InfluxDB: {}", r.pavilionId(), r.containerId(), e.toString());
        }
    }

    @Override
    public List<FillReading> of(String pavilionId, String containerId, Instant from, Instant to) {
        influx.flush();
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

    /**
     * Runs an InfluxQL query over the period bound as {@code $from} and {@code $to}, after flushing
     * the write buffer so that the answer includes every reading handed over so far.
     */
    QueryResult queryPeriod(String influxQl, Instant from, Instant to) {
        influx.flush();
        Query query = BoundParameterQuery.QueryBuilder.newQuery(influxQl)
                .forDatabase(settings.database())
                .bind("from", from.toString())
                .bind("to", to.toString())
                .create();
        return check(influx.query(query, TimeUnit.MILLISECONDS));
    }

    Pong ping() {
        return influx.ping();
    }

    String url() {
        return settings.url();
    }

    @Override
    public void close() {
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
