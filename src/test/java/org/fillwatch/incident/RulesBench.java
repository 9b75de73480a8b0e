package org.fillwatch.incident;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;

/**
 * What the incident rules cost per reading once a city has run for hours: every container's
 * forecast window is full (120 readings) and a third of the containers have an open incident.
 * The capacity benchmark cannot show this, its run is shorter than the forecast's minimum span.
 * In-memory H2 (the service's default database); one thread, as one camera worker runs a frame's readings.
 *
 * <pre>scripts/bench.sh rules [--pavilions 300] [--rounds 130] [--measure 30] [--no-forecast]</pre>
 */
public final class RulesBench {

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        int pavilionCount = Integer.parseInt(options.getOrDefault("--pavilions", "300"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "130"));
        int measured = Integer.parseInt(options.getOrDefault("--measure", "30"));
        boolean forecast = !options.containsKey("--no-forecast");

        TestPavilions pavilions = new TestPavilions();
        List<Pavilion> sites = new ArrayList<>();
        for (int i = 0; i < pavilionCount; i++) {
            sites.add(pavilions.create("carrier-" + (i % 5), 3));
        }
        KeeperOnH2 register = new KeeperOnH2(pavilions, event -> { }, forecast, null);
        IncidentKeeper keeper = register.keeper;
        IncidentStore store = register.store;
        Instant t0 = Instant.parse("2026-12-01T06:00:00Z");
        SplittableRandom random = new SplittableRandom(42);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "rules: %d pavilions x 3 containers, %d rounds of warm-up (1 reading per container per simulated minute), forecast %s%n",
                pavilionCount, rounds, forecast ? "on" : "off");
        double wallSum = 0, cpuSum = 0;
        for (int round = 0; round < rounds + measured; round++) {
            if (round == rounds) {
                System.out.printf(Locale.ROOT, "warm: %d incidents open%n",
                        store.list(IncidentStatus.OPEN, null, Integer.MAX_VALUE).size());
            }
            long wall = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
            Instant at = t0.plus(Duration.ofMinutes(round));
            for (Pavilion site : sites) {
                keeper.on(new ReadingsRecorded(readings(site, at, round, random)));
            }
            if (round >= rounds) {
                int n = sites.size() * 3;
                double wallUs = (System.nanoTime() - wall) / 1e3 / n, cpuUs = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
                wallSum += wallUs;
                cpuSum += cpuUs;
                System.out.printf(Locale.ROOT, "round %d: %.1f us wall, %.1f us CPU per reading%n", round - rounds, wallUs, cpuUs);
            }
        }
        System.out.printf(Locale.ROOT, "mean of %d rounds: %.1f us wall, %.1f us CPU per reading%n", measured,
                wallSum / measured, cpuSum / measured);
    }

    /** c1 fills slowly (6 pp an hour: no forecast within the run), c2 hovers half full, c3 stands full (its incident opens in the first rounds and stays open). */
    private static List<FillReading> readings(Pavilion site, Instant at, int round, SplittableRandom random) {
        double c1 = 5 + round * 0.1 + random.nextDouble(-2, 2);
        double c2 = 50 + random.nextDouble(-5, 5);
        double c3 = 92 + random.nextDouble(-4, 4);
        return List.of(reading(site, "c1", at, c1, FillState.PARTIAL), reading(site, "c2", at, c2, FillState.PARTIAL),
                reading(site, "c3", at, c3, FillState.FULL));
    }

    private static FillReading reading(Pavilion site, String container, Instant at, double fill, FillState state) {
        return new FillReading(at, site.id(), container, site.district(), site.carrierId(), fill, state, 0.9, "bench");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(args[i], args[++i]);
            } else {
                options.put(args[i], "");
            }
        }
        return options;
    }
}
