package org.fillwatch.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of a process by thread group, read from {@code /proc/PID/task}: threads named alike
 * ({@code camera-worker-1}, {@code camera-worker-2}; the JIT's {@code C1/C2 CompilerThread0}) count as
 * one group. The capacity timeline prints the busiest groups of each window, which told the incident
 * storm's cost apart from sampling's: the JIT compiling the newly hot incident code took 30-40 % of a
 * core in the storm's first 20 s.
 */
final class ThreadCpu {

    private final long pid;
    private Map<String, Long> last;
    private long lastNanos;
    /** This process (the load generator and the meter reads) shares the cores with the service. */
    private long ownTicks;

    ThreadCpu(long pid) {
        this.pid = pid;
        this.last = ticks();
        this.lastNanos = System.nanoTime();
        this.ownTicks = ownTicks();
    }

    /** The benchmark process's own CPU since the last call, in % of one core. */
    private double benchPercent(double seconds) {
        long now = ownTicks();
        double percent = (now - ownTicks) / 100.0 / seconds * 100;
        ownTicks = now;
        return percent;
    }

    private static long ownTicks() {
        try {
            return CapacityBench.cpuTicks(ProcessHandle.current().pid());
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The groups above 1 % of a core since the last call, busiest first, then the benchmark's own
     * share: {@code camera-worker 131 %, JIT 35 %; load generator 12 %}.
     */
    String busiest(int groups) {
        Map<String, Long> now = ticks();
        long nanos = System.nanoTime();
        double seconds = (nanos - lastNanos) / 1e9;
        double bench = benchPercent(seconds);
        Map<String, Long> before = last;
        last = now;
        lastNanos = nanos;
        return now.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 100.0 / seconds * 100))
                .filter(e -> e.getValue() >= 1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(groups)
                .map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")) + String.format(Locale.ROOT, "; load generator %.0f %%", bench);
    }

    /** utime + stime per group, in clock ticks (100 per second); threads that ended since are gone from it. */
    private Map<String, Long> ticks() {
        Map<String, Long> groups = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String name = group(Files.readString(task.resolve("comm")).trim());
                    groups.merge(name, CapacityBench.cpuTicks(task.resolve("stat")), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return groups;
    }

    /**
     * The thread's name without its numbers (the kernel keeps 15 characters of it); HotSpot's C1 and
     * C2 compiler threads are one group, {@code JIT}; {@code java} is the main thread and the native
     * threads started under it.
     */
    static String group(String comm) {
        if (comm.matches("C[12] CompilerThre.*")) {
            return "JIT";
        }
        return comm.replaceAll("[0-9]+", "").replaceAll("[-#_ ]+$", "");
    }
}
