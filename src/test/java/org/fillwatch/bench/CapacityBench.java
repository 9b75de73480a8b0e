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
 * <pre>scripts/bench.sh capacity [--steps 2500,5000,7500] [--warmup 70] [--measure 60] [--xmx 512m]
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
                case "--jvm-arg" -> jvmArgs.add(args[i + 1]);
                case "--service-arg" -> serviceArgs.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createDirectories(Path.of("target/bench/capacity"));
        List<Result> results = new ArrayList<>();
        long t0 = System.nanoTime();
        try (SnapshotCameraFarm farm = new SnapshotCameraFarm(50, 20_261_125)) {
            System.out.printf("load generator: 50 rendered 1280x720 sites, mean JPEG %.0f kB, on 127.0.0.1:%d (%.0f s to render)%n",
                    farm.meanJpegBytes() / 1024, farm.port(), (System.nanoTime() - t0) / 1e9);
            for (int n : steps) {
                Result r = run(farm, work, new Service(jar, xmx, jvmArgs, serviceArgs), n, interval, warmup, measure);
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

    /** How the service process is started: its jar, heap limit and any extra JVM or application arguments. */
    record Service(String jar, String xmx, List<String> jvmArgs, List<String> serviceArgs) {
    }

    private static Result run(SnapshotCameraFarm farm, Path work, Service how, int n, String interval,
                              int warmup, int measure) throws Exception {
        Path config = work.resolve("cameras");
        farm.writeConfig(config, n, interval);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + how.xmx(), "-XX:MaxMetaspaceSize=256m",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-Dai.djl.offline=true"));
        command.addAll(how.jvmArgs());
        command.addAll(List.of("-jar", how.jar(),
                "--server.port=" + port,
                "--fillwatch.cameras.config-dir=" + config,
                "--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
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
            String base = "http://127.0.0.1:" + port + "/actuator/prometheus";
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (metric(base, "fillwatch.cameras.samples") < 0) {
                if (!service.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("service did not start; see " + work.resolve("service-" + n + ".log"));
                }
                Thread.sleep(500);
            }
            // every camera has had its first sample, the JIT has warmed up; the timeline shows how it got there
            timeline(base, warmup, "warm-up");
            long cpu0 = cpuTicks(service.pid());
            double samples0 = metric(base, "fillwatch.cameras.samples");
            double shed0 = metric(base, "fillwatch.cameras.shed");
            long start = System.nanoTime();
            long worst = 0;
            double maxStretch = 1;
            double[] seen = timeline(base, measure, "measured");
            worst = Math.round(seen[0] * 1000);
            maxStretch = seen[1];
            Thread.sleep(10_000); // the window that covers the end of the measurement is published
            worst = Math.max(worst, Math.round(metric(base, "fillwatch.cameras.lag.p99") * 1000));
            double seconds = (System.nanoTime() - start) / 1e9;
            double samples = metric(base, "fillwatch.cameras.samples") - samples0;
            long shed = Math.round(metric(base, "fillwatch.cameras.shed") - shed0);
            double cpu = (cpuTicks(service.pid()) - cpu0) / 100.0 / seconds * 100;
            long hwm = status(service.pid(), "VmHWM") / 1024;
            boolean passed = worst < 5000 && shed == 0 && maxStretch <= 1.0 && samples / seconds >= 0.9 * n / 60.0;
            return new Result(n, samples / seconds, worst, maxStretch, shed, cpu, hwm, passed);
        } finally {
            service.destroy();
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /**
     * Reads the meters every 2 s for {@code seconds} and prints one line per 10 s (samples taken per
     * second, the service's last p99 lag, stretch and shed count), so that a run shows whether it
     * failed on a start-up burst or on steady load. Returns the worst p99 lag seen (s) and the
     * largest stretch.
     */
    private static double[] timeline(String base, int seconds, String phase) throws InterruptedException {
        long start = System.nanoTime();
        double worst = 0;
        double maxStretch = 1;
        double samplesAt = metric(base, "fillwatch.cameras.samples");
        double shedAt = metric(base, "fillwatch.cameras.shed");
        long lineAt = start;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            Thread.sleep(2000);
            double p99 = metric(base, "fillwatch.cameras.lag.p99");
            double stretch = metric(base, "fillwatch.cameras.stretch");
            worst = Math.max(worst, p99);
            maxStretch = Math.max(maxStretch, stretch);
            if (System.nanoTime() - lineAt >= 10_000_000_000L) {
                // a scrape of thousands of cameras' meters takes a while: the time is taken between the two reads
                double samples = metric(base, "fillwatch.cameras.samples");
                long now = System.nanoTime();
                double shed = metric(base, "fillwatch.cameras.shed");
                System.out.printf(Locale.ROOT, "  %s %3d s: %.1f samples/s, p99 lag %.2f s, stretch x%.2f, shed %d%n", phase,
                        Math.round((now - start) / 1e9), (samples - samplesAt) / ((now - lineAt) / 1e9), p99, stretch,
                        Math.round(shed - shedAt));
                samplesAt = samples;
                shedAt = shed;
                lineAt = now;
            }
        }
        return new double[] {worst, maxStretch};
    }

    /** A meter's value (summed over its tags), or -1 while the service does not answer. */
    private static double metric(String prometheusUrl, String meter) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + SCRAPE_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            // fillwatch.cameras.samples -> fillwatch_cameras_samples_total, lag.p99 -> ..._lag_p99_seconds
            Pattern line = Pattern.compile("^" + Pattern.quote(meter.replace('.', '_')) + "(?:_total|_seconds)?(?:\\{[^}]*\\})? ([-0-9.Ee+]+|NaN)$",
                    Pattern.MULTILINE);
            Matcher m = line.matcher(r.body());
            double sum = 0;
            boolean found = false;
            while (m.find()) {
                found = true;
                sum += Double.parseDouble(m.group(1));
            }
            return found ? sum : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String sha256Hex(String text) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
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
