package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.testing.InfluxProcess;
import org.fillwatch.vision.FillState;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * InfluxDB stopped under load (a private influxd, stopped with SIGTERM and started again on the same
 * data): readings wait in memory, then in the spill file, and are all written after recovery; beyond
 * the buffer's capacity every lost reading is counted. The outage length, load and memory size are
 * parameters: the default run takes about a minute; {@code -Preliability} runs a 10-minute outage.
 */
class InfluxOutageIT {

    static final Duration OUTAGE = Duration.parse("PT" + System.getProperty("fillwatch.reliability.influx-outage", "20s"));
    /** Readings per second: frames of {@link #CONTAINERS} containers. */
    static final int RATE = Integer.getInteger("fillwatch.reliability.influx-rate", 50);
    static final int MEMORY = Integer.getInteger("fillwatch.reliability.influx-memory", 200);
    static final int CONTAINERS = 5;

    @Test
    void readingsOfAnOutageWithinCapacityAreAllWrittenAfterRecovery(@TempDir Path spill) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (InfluxProcess server = InfluxProcess.onFreePort().start();
                InfluxFillStore store = new InfluxFillStore(settings(server, "within", MEMORY, DataSize.ofMegabytes(64), spill), meters);
                Load load = new Load(store, "outage-within")) {
            load.runFor(Duration.ofSeconds(3));
            server.stop();
            long atStop = load.produced();
            load.runFor(OUTAGE);
            long producedDuringOutage = load.produced() - atStop;
            Figures during = Figures.of(store, spill);
            server.start();
            Instant up = Instant.now();
            load.runFor(Duration.ofSeconds(3));
            load.close();
            awaitDrained(store, Duration.ofMinutes(5));
            long recoveredIn = Duration.between(up, Instant.now()).toMillis();

            long stored = count(server, "within", "outage-within");
            System.out.printf("InfluxOutageIT within capacity: outage %s at %d readings/s, %d readings during it; "
                            + "buffer memory %d readings; at recovery %d in memory, %d on disk (%d bytes, %.1f bytes/reading); "
                            + "produced %d, stored %d, dropped %d; all written within %d ms of the restart (load running) (%s)%n",
                    OUTAGE, RATE, producedDuringOutage, MEMORY, during.memory, during.disk, during.bytes,
                    during.bytesPerReading(), load.produced(), stored, store.bufferDetails().get("droppedBufferFull"),
                    recoveredIn, uptime());
            assertThat(during.memory).as("memory buffer filled").isEqualTo(MEMORY);
            assertThat(during.disk).as("the rest spilled to disk").isGreaterThan(0);
            assertThat(during.memory + during.disk).as("nothing written while down")
                    .isGreaterThanOrEqualTo(producedDuringOutage - RATE);
            assertThat(stored).as("every reading stored after recovery").isEqualTo(load.produced());
            assertThat(meters.get(InfluxFillStore.DROPPED_METRIC).counters())
                    .allSatisfy(c -> assertThat(c.count()).isZero());
            assertThat(Files.size(spill.resolve(SpillBuffer.SPILL_FILE))).as("spill file emptied").isZero();
            assertThat(Duration.between(up, Instant.now())).isLessThan(Duration.ofMinutes(5));
        }
    }

    @Test
    void beyondCapacityEveryLostReadingIsCountedAndTheOldestAreKept(@TempDir Path spill) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DataSize disk = DataSize.ofKilobytes(20);
        try (InfluxProcess server = InfluxProcess.onFreePort().start();
                InfluxFillStore store = new InfluxFillStore(settings(server, "beyond", 100, disk, spill), meters);
                Load load = new Load(store, "outage-beyond")) {
            load.runFor(Duration.ofSeconds(2));
            server.stop();
            load.runFor(Duration.ofSeconds(10));
            load.close();
            Figures during = Figures.of(store, spill);
            long dropped = (long) meters.get(InfluxFillStore.DROPPED_METRIC).tag("reason", "buffer-full").counter().count();
            server.start();
            awaitDrained(store, Duration.ofMinutes(2));

            long stored = count(server, "beyond", "outage-beyond");
            System.out.printf("InfluxOutageIT beyond capacity: buffer 100 readings + %s on disk held %d + %d readings "
                            + "(%.1f bytes/reading); produced %d, stored %d, dropped (counted) %d%n",
                    disk, during.memory, during.disk, during.bytesPerReading(), load.produced(), stored, dropped);
            assertThat(dropped).as("readings lost").isPositive();
            assertThat(stored + dropped).as("every reading either stored or counted").isEqualTo(load.produced());
            assertThat(store.bufferDetails()).containsEntry("droppedBufferFull", dropped);
            // a full buffer refuses the newest: the last reading stored is older than the first one lost
            assertThat(lastStoredFrame(server, "beyond", "outage-beyond")).isEqualTo((stored - 1) / CONTAINERS);
        }
    }

    @Test
    void aBatchInfluxRefusesForGoodIsCountedAndDoesNotBlockTheOthers(@TempDir Path spill) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (InfluxProcess server = InfluxProcess.onFreePort().start();
                InfluxFillStore store = new InfluxFillStore(settings(server, "refused", 100, DataSize.ofKilobytes(64), spill), meters)) {
            // fill_pct already holds text in this shard: InfluxDB answers every float write with a type conflict
            try (InfluxDB influx = InfluxDBFactory.connect(server.url())) {
                influx.write("refused", null, InfluxDB.ConsistencyLevel.ONE, java.util.concurrent.TimeUnit.MILLISECONDS,
                        "fill_level,pavilion=conflict,container=c1 fill_pct=\"full\" 1764028800000");
            }
            store.on(new ReadingsRecorded(List.of(reading("conflict", 1764028860000L))));
            awaitDrained(store, Duration.ofSeconds(30));
            assertThat(meters.get(InfluxFillStore.DROPPED_METRIC).tag("reason", "refused").counter().count()).isEqualTo(1);
            assertThat(store.bufferDetails()).containsEntry("droppedRefused", 1L);

            // the refused batch was not retried forever (the buffer drained); with the conflict gone, readings go in
            try (InfluxDB influx = InfluxDBFactory.connect(server.url())) {
                influx.query(new Query("DROP MEASUREMENT fill_level", "refused"));
            }
            store.on(new ReadingsRecorded(List.of(reading("after", 1764028920000L), reading("after", 1764028980000L))));
            awaitDrained(store, Duration.ofSeconds(30));
            assertThat(count(server, "refused", "after")).isEqualTo(2);
        }
    }

    private static FillReading reading(String pavilion, long epochMillis) {
        return new FillReading(Instant.ofEpochMilli(epochMillis), pavilion, "c1", "Centre", "carrier-a", 50,
                FillState.PARTIAL, 0.9, "model-g");
    }

    private static TimeseriesProperties.Influx settings(InfluxProcess server, String db, int memory, DataSize disk, Path spill) {
        return new TimeseriesProperties.Influx(server.url(), db, null, null, null, 500, Duration.ofMillis(200),
                new TimeseriesProperties.Buffer(memory, spill, disk));
    }

    private static long awaitDrained(InfluxFillStore store, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        while (!(store.drain() && (int) store.bufferDetails().get("bufferedInMemory") == 0
                && (long) store.bufferDetails().get("bufferedOnDisk") == 0)) {
            assertThat(System.nanoTime()).as("buffer drained: " + store.bufferDetails()).isLessThan(end);
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long count(InfluxProcess server, String db, String pavilion) {
        List<List<Object>> rows = query(server, db, "SELECT count(fill_pct) FROM fill_level WHERE pavilion = '" + pavilion + "'");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
    }

    /** The frame number (fill_pct carries it) of the newest stored reading. */
    private static long lastStoredFrame(InfluxProcess server, String db, String pavilion) {
        List<List<Object>> rows = query(server, db, "SELECT max(fill_pct) FROM fill_level WHERE pavilion = '" + pavilion + "'");
        return ((Number) rows.get(0).get(1)).longValue();
    }

    private static List<List<Object>> query(InfluxProcess server, String db, String q) {
        try (InfluxDB influx = InfluxDBFactory.connect(server.url())) {
            QueryResult result = influx.query(new Query(q, db));
            QueryResult.Result r = result.getResults().get(0);
            return r.getSeries() == null ? List.of() : r.getSeries().get(0).getValues();
        }
    }

    static String uptime() {
        try {
            return "load " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "load unknown";
        }
    }

    private record Figures(int memory, long disk, long bytes) {
        static Figures of(InfluxFillStore store, Path spill) {
            var d = store.bufferDetails();
            return new Figures((int) d.get("bufferedInMemory"), (long) d.get("bufferedOnDisk"), (long) d.get("spillFileBytes"));
        }

        double bytesPerReading() {
            return disk == 0 ? 0 : (double) bytes / disk;
        }
    }

    /**
     * Frames of {@link #CONTAINERS} readings at {@link #RATE} readings per second, handed to the store
     * as the service does, from a thread of its own; frame n has fill n and time t0 + n * 10 ms.
     */
    private static final class Load implements AutoCloseable {
        private final AtomicLong frames = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Load(InfluxFillStore store, String pavilion) {
            Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
            long periodNanos = 1_000_000_000L * CONTAINERS / RATE;
            thread = new Thread(() -> {
                long next = System.nanoTime();
                while (running.get()) {
                    long n = frames.get();
                    List<FillReading> readings = new ArrayList<>();
                    for (int c = 1; c <= CONTAINERS; c++) {
                        readings.add(new FillReading(t0.plusMillis(10 * n), pavilion, "c" + c, "Centre", "carrier-a",
                                n, FillState.PARTIAL, 0.9, "model-g"));
                    }
                    store.on(new ReadingsRecorded(readings));
                    frames.incrementAndGet();
                    next += periodNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }, "influx-load");
            thread.start();
        }

        void runFor(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
        }

        long produced() {
            return frames.get() * CONTAINERS;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
