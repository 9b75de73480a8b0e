package org.fillwatch.timeseries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.vision.FillState;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
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
 * fill_pct, confidence, model_version. Readings go into a {@link SpillBuffer} (memory, then a capped
 * file on disk) and a writer thread sends them in batches; while InfluxDB is away they wait there
 * and are written, oldest first, once it answers again. A reading that finds the buffer full, or that
 * InfluxDB refuses for good (bad field type, beyond retention), is counted in
 * {@value #DROPPED_METRIC}, shown by the health check and logged.
 */
class InfluxFillStore implements FillHistory, AutoCloseable {

    static final String MEASUREMENT = "fill_level";
    static final String RETENTION_POLICY = "fillwatch";
    static final String DROPPED_METRIC = "fillwatch.readings.dropped";

    private static final Logger log = LoggerFactory.getLogger(InfluxFillStore.class);

    /** How often a store that could not prepare its database tries again. */
    private static final long PREPARE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A full buffer is logged on its first loss and then on every this many. */
    private static final long LOG_EVERY_DROPS = 10_000;

    private final InfluxDB influx;
    private final TimeseriesProperties.Influx settings;
    private final SpillBuffer buffer;
    private final Counter droppedFull;
    private final Counter droppedRefused;
    private final ScheduledExecutorService writer;
    private final AtomicLong written = new AtomicLong();
    private final Object drainLock = new Object();
    private volatile boolean prepared;
    private volatile long lastPrepareAttempt;
    private volatile String lastWriteError;
    private volatile String retentionPolicy;

    InfluxFillStore(TimeseriesProperties.Influx settings, MeterRegistry meters) {
        this.settings = settings;
        // short connect timeout: a write attempt against an unreachable server gives up quickly
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS);
        this.influx = settings.username() == null || settings.username().isBlank()
                ? InfluxDBFactory.connect(settings.url(), http)
                : InfluxDBFactory.connect(settings.url(), settings.username(), settings.password(), http);
        influx.setDatabase(settings.database());
        TimeseriesProperties.Buffer limits = settings.buffer();
        this.buffer = new SpillBuffer(limits.memoryReadings(), limits.spillMaxBytes().toBytes(), limits.spillDir());
        this.droppedFull = Counter.builder(DROPPED_METRIC).tag("reason", "buffer-full")
                .description("readings lost because the InfluxDB buffer (memory and spill file) was full")
                .register(meters);
        this.droppedRefused = Counter.builder(DROPPED_METRIC).tag("reason", "refused")
                .description("readings InfluxDB refused for good (field type conflict, beyond retention, unparsable)")
                .register(meters);
        Gauge.builder("fillwatch.readings.buffered", buffer, SpillBuffer::inMemory).tag("where", "memory")
                .description("readings waiting for InfluxDB in memory").register(meters);
        Gauge.builder("fillwatch.readings.buffered", buffer, SpillBuffer::onDisk).tag("where", "disk")
                .description("readings waiting for InfluxDB in the spill file").register(meters);
        if (buffer.onDisk() > 0) {
            log.info("{} readings spilled before the last stop wait in {}; they are written first",
                    buffer.onDisk(), buffer.file().toAbsolutePath());
        }
        prepareDatabase();
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "influx-writer");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, settings.flushInterval().toMillis());
        writer.scheduleWithFixedDelay(this::drainQuietly, every, every, TimeUnit.MILLISECONDS);
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
                retentionPolicy = RETENTION_POLICY;
            }
            prepared = true;
        } catch (RuntimeException e) {
            // the server may come later: the writer tries again while readings wait in the buffer
            log.warn("Could not prepare InfluxDB database {} at {}: {}", db, settings.url(), e.toString());
        }
    }

    /** Queues the readings; the writer thread sends them. Never blocks on InfluxDB. */
    @EventListener
    void on(ReadingsRecorded recorded) {
        for (FillReading r : recorded.readings()) {
            if (!buffer.offer(point(r).lineProtocol(TimeUnit.MILLISECONDS))) {
                droppedFull.increment();
                long lost = buffer.dropped();
                if (lost == 1 || lost % LOG_EVERY_DROPS == 0) {
                    log.warn("InfluxDB buffer full ({} readings in memory, {} bytes on disk): {} readings lost so far, "
                            + "counted in {}", buffer.inMemory(), buffer.diskBytes(), lost, DROPPED_METRIC);
                }
            }
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

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // the scheduled task must survive anything, or nothing would ever be written again
            log.warn("InfluxDB writer: {}", e.toString());
        }
    }

    /** Writes batches, oldest first, until the buffer is empty or InfluxDB fails; true when empty. */
    boolean drain() {
        synchronized (drainLock) {
            if (!prepared) {
                if (System.nanoTime() - lastPrepareAttempt < PREPARE_RETRY_NANOS) {
                    return false;
                }
                prepareDatabase();
                if (!prepared) {
                    return false;
                }
            }
            while (true) {
                SpillBuffer.Batch batch = buffer.peek(settings.batchActions());
                if (batch.isEmpty()) {
                    return true;
                }
                try {
                    influx.write(settings.database(), retentionPolicy, InfluxDB.ConsistencyLevel.ONE,
                            TimeUnit.MILLISECONDS, batch.lines());
                    buffer.commit(batch);
                    written.addAndGet(batch.lines().size());
                    if (lastWriteError != null) {
                        log.info("InfluxDB at {} takes writes again", settings.url());
                        lastWriteError = null;
                    }
                } catch (InfluxDBException.FieldTypeConflictException | InfluxDBException.UnableToParseException
                         | InfluxDBException.PointsBeyondRetentionPolicyException e) {
                    // retrying would block every later reading behind this batch forever
                    buffer.commit(batch);
                    droppedRefused.increment(batch.lines().size());
                    log.warn("InfluxDB refused {} readings for good, counted in {}: {}", batch.lines().size(),
                            DROPPED_METRIC, e.getMessage());
                } catch (RuntimeException e) {
                    if (e instanceof InfluxDBException.DatabaseNotFoundException) {
                        prepared = false; // dropped while we ran: created again before the next try
                    }
                    if (lastWriteError == null) {
                        log.warn("InfluxDB write to {} failed, readings wait in the buffer: {}", settings.url(), e.toString());
                    }
                    lastWriteError = e.toString();
                    return false;
                }
            }
        }
    }

    @Override
    public List<FillReading> of(String pavilionId, String containerId, Instant from, Instant to) {
        drain(); // what is still buffered would be missing from the answer
        return readings(pavilionId, containerId, from, to, "ORDER BY time");
    }

    @Override
    public List<FillReading> lastStored(String pavilionId, String containerId, Instant from, Instant to, int limit) {
        List<FillReading> readings = readings(pavilionId, containerId, from, to, "ORDER BY time DESC LIMIT " + limit);
        java.util.Collections.reverse(readings);
        return readings;
    }

    private List<FillReading> readings(String pavilionId, String containerId, Instant from, Instant to, String order) {
        Query query = BoundParameterQuery.QueryBuilder.newQuery(
                        "SELECT fill_pct, confidence, model_version, district, carrier, state FROM " + MEASUREMENT
                                + " WHERE pavilion = $pavilion AND container = $container"
                                + " AND time >= $from AND time < $to " + order)
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
        drain(); // what is still buffered would be missing from the answer
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

    /** The buffer's state for the health check. */
    Map<String, Object> bufferDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bufferedInMemory", buffer.inMemory());
        details.put("bufferedOnDisk", buffer.onDisk());
        details.put("spillFileBytes", buffer.diskBytes());
        details.put("written", written.get());
        details.put("droppedBufferFull", (long) droppedFull.count());
        details.put("droppedRefused", (long) droppedRefused.count());
        if (lastWriteError != null) {
            details.put("lastWriteError", lastWriteError);
        }
        return details;
    }

    long written() {
        return written.get();
    }

    /** A last write; what is still in memory is put into the spill file, to be written after the next start. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!drain()) {
            int kept = buffer.spillMemory();
            log.warn("InfluxDB at {} unreachable at shutdown: {} readings kept in {}", settings.url(),
                    kept, buffer.file().toAbsolutePath());
        }
        buffer.close();
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
