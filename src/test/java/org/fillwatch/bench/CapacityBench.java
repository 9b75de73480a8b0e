package org.fillwatch.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 2, pipeline capacity: the service jar, started as its own process, samples N simulated
 * snapshot cameras ({@link SnapshotCameraFarm}, this process) once a minute each, for N stepped up;
 * an N passes when the 99th-percentile sampling lag of every 10-second window stays under 5 s, no
 * sample was shed and the intervals were never stretched. Prints, per N, the samples per second,
 * the worst window's p99 lag, the service's CPU (percent of one core) and its peak resident memory
 * (VmHWM), and a summary line with the largest N that passed.
 *
 * <pre>scripts/bench.sh capacity [--steps 2500,5000,7500] [--warmup 70] [--measure 120] [--xmx 512m] [--full-scrape 15]
 *     [--db mem|file] [--segment 300]
 *     [--java /path/to/bin/java] [--jar target/fillwatch-0.1.0-SNAPSHOT.jar]
 *     [--jvm-arg -XX:StartFlightRecording=filename=x.jfr]... [--service-arg --fillwatch.cameras.workers=4]...</pre>
 */
public final class CapacityBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * The meters are read every 2 s from the Prometheus endpoint with a scrape token (one SHA-256 per
     * request): with HTTP Basic each read cost the service a bcrypt check at cost 10, about 80 ms of
     * CPU (JFR: BCrypt.key was the hottest Java method of a run at 2,500 cameras).
     */
    private static final String SCRAPE_TOKEN = java.util.UUID.randomUUID().toString();

    private CapacityBench() {
    }

    record Result(int n, double samplesPerSecond, long worstP99Ms, double maxStretch, long shed, double cpuPercent,
                  long peakRssMib, boolean passed) {
    }

    public static void main(String[] args) throws Exception {
        int[] steps = {2500, 5000, 7500};
        int warmup = 70;
        int measure = 120; // covers the incident storm: every full container opens one about 2 min after the start
        String xmx = "512m"; // the heap is not the limit: 512m carried 4,000 cameras (docs/performance.md)
        String interval = "60s";
        String jar = "target/fillwatch-0.1.0-SNAPSHOT.jar";
        String java = "java";
        // a Prometheus server reading the whole page (every camera's meters) this often, in seconds; 0: none
        int fullScrape = 15;
        // mem: H2 in memory (a 4-minute run); file: H2 on disk as the service's default, for a run of hours
        String db = "mem";
        int segment = 300;
        List<String> jvmArgs = new ArrayList<>();
        List<String> serviceArgs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--steps" -> steps = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--measure" -> measure = Integer.parseInt(args[i + 1]);
                case "--xmx" -> xmx = args[i + 1];
                case "--interval" -> interval = args[i + 1];
                case "--jar" -> jar = args[i + 1];
                case "--java" -> java = args[i + 1];
                case "--jvm-arg" -> jvmArgs.add(args[i + 1]);
                case "--service-arg" -> serviceArgs.add(args[i + 1]);
                case "--full-scrape" -> fullScrape = Integer.parseInt(args[i + 1]);
                case "--db" -> db = args[i + 1];
                case "--segment" -> segment = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!db.equals("mem") && !db.equals("file")) {
            throw new IllegalArgumentException("--db must be mem or file, got " + db);
        }
        if (segment < 10) {
            throw new IllegalArgumentException("--segment must be at least 10 (seconds), got " + segment);
        }
        Path work = Files.createDirectories(Path.of("target/bench/capacity"));
        List<Result> results = new ArrayList<>();
        long t0 = System.nanoTime();
        try (SnapshotCameraFarm farm = new SnapshotCameraFarm(50, 20_261_125)) {
            System.out.printf("load generator: 50 rendered 1280x720 sites, mean JPEG %.0f kB, on 127.0.0.1:%d (%.0f s to render)%n",
                    farm.meanJpegBytes() / 1024, farm.port(), (System.nanoTime() - t0) / 1e9);
            for (int n : steps) {
                Result r = run(farm, work, new Service(java, jar, xmx, jvmArgs, serviceArgs, fullScrape, db, segment), n,
                        interval, warmup, measure);
                results.add(r);
                System.out.printf(Locale.ROOT, "N=%d: %.1f samples/s (due %.1f), worst 10 s p99 lag %d ms, max stretch %.2f,"
                                + " shed %d, CPU %.0f %% of one core (2 cores = 200 %%), peak RSS %d MiB -> %s; load %s%n",
                        r.n(), r.samplesPerSecond(), n / 60.0, r.worstP99Ms(), r.maxStretch(), r.shed(), r.cpuPercent(),
                        r.peakRssMib(), r.passed() ? "PASS" : "FAIL", loadAverage());
                if (!r.passed()) {
                    break;
                }
            }
        }
        int best = results.stream().filter(Result::passed).mapToInt(Result::n).max().orElse(0);
        Result at = results.stream().filter(r -> r.n() == best).findFirst().orElse(null);
        System.out.printf(Locale.ROOT, "CAPACITY: largest N passing (p99 lag < 5 s, nothing shed or stretched) = %d%s;"
                        + " %.0f s; load average %s%n", best,
                at == null ? "" : String.format(Locale.ROOT, " (CPU %.0f %%, peak RSS %d MiB)", at.cpuPercent(), at.peakRssMib()),
                (System.nanoTime() - t0) / 1e9, loadAverage());
    }

    /**
     * How the service process is started (its java launcher, its jar, heap limit and any extra JVM or application
     * arguments), how often a Prometheus server reads its whole page, where the embedded database
     * lives and how often a long run sums up its last stretch.
     */
    record Service(String java, String jar, String xmx, List<String> jvmArgs, List<String> serviceArgs, int fullScrapeSeconds,
                   String db, int segmentSeconds) {

        String datasourceUrl(Path work, int n) throws IOException {
            String options = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            if (db.equals("mem")) {
                return "jdbc:h2:mem:bench" + options + ";DB_CLOSE_DELAY=-1";
            }
            Path file = work.resolve("db-" + n).toAbsolutePath();
            Files.deleteIfExists(Path.of(file + ".mv.db"));
            return "jdbc:h2:file:" + file + options + ";DB_CLOSE_ON_EXIT=FALSE";
        }
    }

    private static Result run(SnapshotCameraFarm farm, Path work, Service how, int n, String interval,
                              int warmup, int measure) throws Exception {
        Path config = work.resolve("cameras");
        farm.writeConfig(config, n, interval);
        int port = freePort();
        // libtorch's threads as the service chooses them, as `java -jar` runs it (--jvm-arg overrides)
        List<String> command = new ArrayList<>(List.of(how.java(), "-Xmx" + how.xmx(), "-XX:MaxMetaspaceSize=256m",
                "-Dai.djl.offline=true"));
        command.addAll(how.jvmArgs());
        command.addAll(List.of("-jar", how.jar(),
                "--server.port=" + port,
                "--fillwatch.cameras.config-dir=" + config,
                "--spring.datasource.url=" + how.datasourceUrl(work, n),
                "--fillwatch.mqtt.embedded-port=" + freePort(),
                "--fillwatch.evidence.dir=" + work.resolve("evidence"),
                "--management.endpoints.web.exposure.include=health,prometheus",
                "--logging.level.org.fillwatch.camera.CameraState=WARN",
                "--logging.level.org.fillwatch.incident=WARN",
                "--fillwatch.metrics.scrape-token-hash=" + sha256Hex(SCRAPE_TOKEN)));
        command.addAll(how.serviceArgs());
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("service-" + n + ".log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port + "/actuator/prometheus?includedNames=" + Meters.NAMES;
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (Meters.read(base).samples() < 0) {
                if (!service.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("service did not start; see " + work.resolve("service-" + n + ".log"));
                }
                Thread.sleep(500);
            }
            // every camera has had its first sample, the JIT has warmed up; the timeline shows how it got there
            FullScrapes prometheus = new FullScrapes(base.substring(0, base.indexOf('?')), how.fullScrapeSeconds());
            ThreadCpu threads = new ThreadCpu(service.pid());
            timeline(base, warmup, "warm-up", threads, null);
            long cpu0 = cpuTicks(service.pid());
            Meters before = Meters.read(base);
            long start = System.nanoTime();
            Seen seen = timeline(base, measure, "measured", threads, new Segments(service.pid(), how.segmentSeconds()));
            Thread.sleep(10_000); // the window that covers the end of the measurement is published
            Meters after = Meters.read(base);
            prometheus.stop();
            long worst = Math.round(Math.max(seen.worstP99(), after.p99()) * 1000);
            double maxStretch = Math.max(seen.maxStretch(), after.stretch());
            double seconds = (System.nanoTime() - start) / 1e9;
            double samples = after.samples() - before.samples();
            long shed = Math.round(after.shed() - before.shed());
            double cpu = (cpuTicks(service.pid()) - cpu0) / 100.0 / seconds * 100;
            long hwm = status(service.pid(), "VmHWM") / 1024;
            boolean passed = worst < 5000 && shed == 0 && maxStretch <= 1.0 && samples / seconds >= 0.9 * n / 60.0;
            return new Result(n, samples / seconds, worst, maxStretch, shed, cpu, hwm, passed);
        } finally {
            service.destroy();
            // a JVM asked for an AOT cache (--jvm-arg -XX:AOTCacheOutput=...) writes it at exit: about a minute
            if (!service.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /**
     * Reads the meters every 2 s for {@code seconds} and prints one line per 10 s (samples taken per
     * second, the service's last p99 lag, stretch and shed count, and the thread groups that took the
     * service's CPU), so that a run shows whether it failed on a start-up burst or on steady load,
     * and what took the time; {@code segments}, when given, sums up each longer stretch of a long run.
     */
    private static Seen timeline(String base, int seconds, String phase, ThreadCpu threads, Segments segments)
            throws InterruptedException {
        long start = System.nanoTime();
        double worst = 0;
        double maxStretch = 1;
        Meters at = Meters.read(base);
        if (segments != null) {
            segments.add(at, 0);
        }
        long lineAt = start;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            Thread.sleep(2000);
            Meters now = Meters.read(base);
            long read = System.nanoTime();
            worst = Math.max(worst, now.p99());
            maxStretch = Math.max(maxStretch, now.stretch());
            if (read - lineAt >= 10_000_000_000L) {
                System.out.printf(Locale.ROOT, "  %s %3d s: %.1f samples/s, p99 lag %.2f s, stretch x%.2f, shed %d; CPU: %s%n",
                        phase, Math.round((read - start) / 1e9), (now.samples() - at.samples()) / ((read - lineAt) / 1e9),
                        now.p99(), now.stretch(), Math.round(now.shed() - at.shed()), threads.busiest(5));
                at = now;
                lineAt = read;
            }
            if (segments != null) {
                segments.add(now, read - start);
            }
        }
        return new Seen(worst, maxStretch);
    }

    /**
     * Reads the whole Prometheus page every {@code seconds}, as a monitoring server would (15 s is a
     * common scrape interval), so the measured CPU includes that; prints what the reads cost.
     */
    private static final class FullScrapes {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "full-scrape");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.concurrent.atomic.LongAdder nanos = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder bytes = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();
        private final int seconds;

        FullScrapes(String url, int seconds) {
            this.seconds = seconds;
            if (seconds > 0) {
                timer.scheduleAtFixedRate(() -> {
                    long t = System.nanoTime();
                    String page = scrape(url);
                    if (page != null) {
                        nanos.add(System.nanoTime() - t);
                        bytes.add(page.length());
                        count.increment();
                    }
                }, seconds, seconds, java.util.concurrent.TimeUnit.SECONDS);
            }
        }

        void stop() {
            timer.shutdownNow();
            long n = count.sum();
            System.out.printf(Locale.ROOT, "  whole Prometheus page every %d s: %s%n", seconds, seconds <= 0 ? "off"
                    : n == 0 ? "no answer" : String.format(Locale.ROOT, "%d reads, %.0f ms and %.0f kB each", n,
                    nanos.sum() / 1e6 / n, bytes.sum() / 1024.0 / n));
        }
    }

    /** The worst p99 lag (s) and the largest stretch a timeline saw. */
    /**
     * One line per {@code seconds} of the measured run: samples per second, the worst p99 lag, shed
     * samples, the service's CPU and resident memory over that stretch, so that a run of hours shows
     * whether its costs drift as the forecast windows and the readings table fill up.
     */
    private static final class Segments {
        private final long pid;
        private final long seconds;
        private long index;
        private Meters first;
        private long cpuAt;
        private double worst;

        Segments(long pid, int seconds) {
            this.pid = pid;
            this.seconds = seconds;
        }

        void add(Meters now, long elapsedNs) {
            try {
                if (first == null) {
                    first = now;
                    cpuAt = cpuTicks(pid);
                }
                worst = Math.max(worst, now.p99());
                if (elapsedNs < (index + 1) * seconds * 1_000_000_000L) {
                    return;
                }
                long cpu = cpuTicks(pid);
                System.out.printf(Locale.ROOT, "  segment %d-%d s: %.1f samples/s, worst p99 lag %.2f s, shed %d, CPU %.0f %%,"
                                + " RSS %d MiB (peak %d MiB)%n", index * seconds, (index + 1) * seconds,
                        (now.samples() - first.samples()) / seconds, worst, Math.round(now.shed() - first.shed()),
                        (cpu - cpuAt) / (double) seconds, status(pid, "VmRSS") / 1024, status(pid, "VmHWM") / 1024);
                index++;
                first = now;
                cpuAt = cpu;
                worst = 0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    record Seen(double worstP99, double maxStretch) {
    }

    /**
     * The sampler's meters from one read of the page filtered to them (all four in one request);
     * -1 each while the service does not answer.
     */
    record Meters(double samples, double shed, double p99, double stretch) {
        /**
         * Only these four on the page: the whole page at 4,000 cameras (3 series per camera) is a
         * megabyte of text every 2 s, and its humongous allocations set off G1's concurrent cycles in
         * the service, a cost no 15-60 s Prometheus scrape imposes (session 8).
         */
        static final String NAMES = "fillwatch_cameras_samples,fillwatch_cameras_shed,fillwatch_cameras_lag_p99_seconds,"
                + "fillwatch_cameras_stretch";

        static Meters read(String prometheusUrl) {
            String body = scrape(prometheusUrl);
            return new Meters(metric(body, "fillwatch.cameras.samples"), metric(body, "fillwatch.cameras.shed"),
                    metric(body, "fillwatch.cameras.lag.p99"), metric(body, "fillwatch.cameras.stretch"));
        }
    }

    /** The Prometheus page, or null while the service does not answer. */
    private static String scrape(String prometheusUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + SCRAPE_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A meter's value (summed over its tags) on a scraped page, or -1. */
    private static double metric(String page, String meter) {
        if (page == null) {
            return -1;
        }
        // fillwatch.cameras.samples -> fillwatch_cameras_samples_total, lag.p99 -> ..._lag_p99_seconds
        Pattern line = Pattern.compile("^" + Pattern.quote(meter.replace('.', '_')) + "(?:_total|_seconds)?(?:\\{[^}]*\\})? ([-0-9.Ee+]+|NaN)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(page);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            found = true;
            sum += Double.parseDouble(m.group(1));
        }
        return found ? sum : -1;
    }

    static String sha256Hex(String text) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    static long cpuTicks(long pid) throws IOException {
        return cpuTicks(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime from a {@code stat} file of /proc (a process's or one thread's). */
    static long cpuTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** A field of /proc/PID/status in kB (VmHWM: peak resident set). */
    static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
