package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fillwatch.testing.Browser;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.DemoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * Benchmark of the map with 5,000 pavilions (generated pavilion files, cameras off), in headless
 * Chromium: prints the time from navigation to all markers clustered, the GeoJSON size and the frame
 * gaps while panning. Figures only, no time limit asserted (the machine is shared). Not part of the
 * suite (its name does not end in IT); run it with
 * {@code mvn -o verify -Dit.test=MapScaleBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
class MapScaleBenchmark {

    static final int PAVILIONS = 5000;

    @Test
    void fiveThousandPavilionsOpenAndPan(@TempDir Path folder) throws Exception {
        for (int i = 0; i < PAVILIONS; i++) {
            String id = String.format("gen-%04d", i);
            Files.writeString(folder.resolve(id + ".yaml"), """
                    id: %s
                    name: "Pavilion, Generated St. %d"
                    address: "Generated St. %d, Petropavlovsk"
                    district: "District %d"
                    location: {latitude: %.5f, longitude: %.5f}
                    carrier: carrier-%s
                    camera: {url: "rtsp://127.0.0.1:8554/%s", mode: burst, interval: 60s}
                    containers:
                      - {id: c1, type: "1.1 m3 euro container", polygon: [[0.1, 0.4], [0.3, 0.4], [0.3, 0.7], [0.1, 0.7]]}
                      - {id: c2, type: "1.1 m3 euro container", polygon: [[0.4, 0.4], [0.6, 0.4], [0.6, 0.7], [0.4, 0.7]]}
                    """.formatted(id, i, i, i % 12, 54.80 + (i % 70) * 0.002, 69.05 + (i / 70) * 0.003,
                    (char) ('a' + i % 2), id));
        }
        try (DemoService demo = DemoService.start("fillwatch.cameras.config-dir=" + folder,
                "fillwatch.cameras.enabled=false");
             Browser browser = Browser.open(demo.url(""))) {
            browser.signIn(DemoLogins.OPERATOR);
            browser.waitUntil(Duration.ofSeconds(60), d -> "true".equals(data(browser, "loaded")));
            long[] times = new long[3];
            for (int run = 0; run < times.length; run++) {
                long start = System.nanoTime();
                browser.get("/");
                browser.waitUntil(Duration.ofSeconds(60), d -> "true".equals(data(browser, "loaded")));
                times[run] = (System.nanoTime() - start) / 1_000_000;
            }
            assertThat(data(browser, "markers")).isEqualTo(String.valueOf(PAVILIONS));
            int clusters = browser.driver().findElements(By.className("marker-cluster")).size()
                    + browser.driver().findElements(By.className("fw-cluster")).size();
            int pins = browser.driver().findElements(By.className("fw-pin")).size();
            assertThat(pins + clusters).as("clustered: far fewer map elements than pavilions").isPositive()
                    .isLessThan(PAVILIONS / 10);
            browser.screenshot("map-5000");

            browser.driver().executeScript("""
                    window.__gaps = []; let last = performance.now(); window.__run = true;
                    const tick = now => { window.__gaps.push(now - last); last = now; if (window.__run) requestAnimationFrame(tick); };
                    requestAnimationFrame(tick);""");
            Actions pan = new Actions(browser.driver()).moveToElement(browser.driver().findElement(By.id("map")))
                    .clickAndHold();
            for (int step = 0; step < 30; step++) {
                pan.moveByOffset(step < 15 ? 12 : -12, step < 15 ? 6 : -6).pause(Duration.ofMillis(16));
            }
            pan.release().perform();
            browser.driver().executeScript("window.__run = false;");
            @SuppressWarnings("unchecked")
            List<Number> gaps = (List<Number>) browser.driver().executeScript("return window.__gaps.slice(1);");
            double max = gaps.stream().mapToDouble(Number::doubleValue).max().orElse(0);
            double mean = gaps.stream().mapToDouble(Number::doubleValue).average().orElse(0);
            long bytes = ((Number) browser.driver().executeScript(
                    "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/map/pavilions'))"
                            + ".map(e => e.transferSize || e.encodedBodySize).pop() || 0;")).longValue();
            System.out.printf("Map with %d pavilions: opened (navigation -> all markers clustered) in %d / %d / %d ms;"
                            + " GeoJSON %d bytes on the wire; %d map elements (pins + clusters); while panning %d frames,"
                            + " mean frame gap %.1f ms, longest %.1f ms; load average %s%n", PAVILIONS, times[0],
                    times[1], times[2], bytes, pins + clusters, gaps.size(), mean, max,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static String data(Browser browser, String name) {
        return browser.driver().findElement(By.tagName("body")).getAttribute("data-" + name);
    }
}
