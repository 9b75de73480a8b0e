package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.testing.Browser;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.DemoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The contact centre's operator in headless Chromium against the real demo run (demo clips through
 * the real model): signs in, sees the demo pavilions on the map, sees the demo's incident appear
 * live without reloading, acknowledges it; every page is screenshotted into target/screenshots/.
 * The region-of-interest editor refuses a self-crossing polygon and leaves the YAML file as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorBrowserIT {

    @TempDir static Path folder;
    static Path config;
    static DemoService demo;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        // a copy: the editor test writes pavilion files
        config = folder.resolve("demo");
        Path source = Path.of("camera-config/demo");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        demo = DemoService.start("fillwatch.cameras.config-dir=" + config);
        browser = Browser.open(demo.url(""));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Order(1)
    void operatorSeesTheMapAnIncidentAppearLiveAndAcknowledgesIt() throws Exception {
        browser.get("/");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        browser.screenshot("login");
        browser.signIn(DemoLogins.OPERATOR);
        browser.waitUntil(Duration.ofSeconds(20), d -> "true".equals(body("loaded")));
        assertThat(body("markers")).isEqualTo("3");
        assertThat(browser.driver().findElement(By.id("count-pavilions")).getText()).startsWith("3");
        browser.waitUntil(Duration.ofSeconds(10), d -> d.findElement(By.id("live-dot")).getAttribute("class").contains("on"));
        browser.screenshot("map");

        // the demo clip fills ptr-001/c2 until an incident opens, about 45 s after the start
        IncidentRegister register = demo.bean(IncidentRegister.class);
        long committed = 0;
        long shown = 0;
        long deadline = System.currentTimeMillis() + 150_000;
        while (System.currentTimeMillis() < deadline && shown == 0) {
            if (committed == 0 && !register.list(null, null, 10).isEmpty()) {
                committed = System.currentTimeMillis();
            }
            if (!browser.driver().findElements(By.cssSelector("#feed li")).isEmpty()) {
                shown = System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        assertThat(shown).as("an incident appeared on the map page without reloading").isPositive();
        if (committed == 0) {
            committed = shown;
        }
        System.out.printf("Incident in the register -> on the open map page: %d ms%n", shown - committed);
        assertThat(shown - committed).as("live within 2 s").isLessThan(2000);
        browser.screenshot("map-live-incident");

        Incident incident = register.list(null, null, 10).get(0);
        WebElement item = browser.driver().findElement(By.id("feed-" + incident.registrationNumber()));
        assertThat(item.getText()).contains(incident.registrationNumber(), incident.pavilionId());
        item.findElement(By.tagName("a")).click();
        browser.waitUntil(Duration.ofSeconds(10), d -> "true".equals(body("loaded")));
        browser.screenshot("incident");
        browser.driver().findElement(By.id("ack")).click();
        browser.waitUntil(Duration.ofSeconds(10), d -> d.findElement(By.id("fact-status")).getText().equals("подтверждён"));
        assertThat(register.find(incident.registrationNumber()).orElseThrow().status())
                .isIn(IncidentStatus.ACKNOWLEDGED, IncidentStatus.RESOLVED);
        assertThat(browser.driver().findElement(By.id("history")).getText()).contains("ACKNOWLEDGED");
        browser.screenshot("incident-acknowledged");
    }

    @Test
    @Order(2)
    void everyOperatorPageRenders() {
        browser.get("/pavilions/ptr-001");
        browser.waitUntil(Duration.ofSeconds(20), d -> "true".equals(body("loaded")));
        browser.waitUntil(Duration.ofSeconds(20), d -> body("chartPoints") != null && !"0".equals(body("chartPoints")));
        browser.waitUntil(Duration.ofSeconds(10), d -> (Boolean) browser.driver().executeScript(
                "const i = document.getElementById('snapshot-img'); return i != null && i.naturalWidth > 0;"));
        int containers = demo.bean(Pavilions.class).find("ptr-001").orElseThrow().containers().size();
        assertThat(browser.driver().findElements(By.cssSelector("#snapshot polygon"))).hasSize(containers);
        assertThat(browser.driver().findElements(By.cssSelector("#containers tr[data-container]"))).hasSize(containers);
        browser.screenshot("pavilion");

        browser.get("/incidents");
        browser.waitUntil(Duration.ofSeconds(10), d -> "true".equals(body("loaded")));
        assertThat(Integer.parseInt(body("rows"))).isPositive();
        browser.screenshot("incidents");

        browser.get("/cameras");
        browser.waitUntil(Duration.ofSeconds(10), d -> "true".equals(body("loaded")));
        assertThat(browser.driver().findElements(By.cssSelector("#cameras tr[id^=camera-]"))).hasSize(3);
        assertThat(browser.driver().findElement(By.id("camera-ptr-001")).getText()).contains("в сети");
        browser.screenshot("cameras");

        browser.get("/labelling");
        browser.waitUntil(Duration.ofSeconds(20), d -> "true".equals(body("loaded")));
        WebElement card = browser.driver().findElement(By.id("crop-ptr-001-c1"));
        card.findElement(By.cssSelector("button[data-label=partial]")).click();
        browser.waitUntil(Duration.ofSeconds(10), d -> "partial".equals(card.getAttribute("data-labelled")));
        browser.screenshot("labelling");

        browser.get("/?lang=kk");
        browser.waitUntil(Duration.ofSeconds(10), d -> "true".equals(body("loaded")));
        assertThat(browser.driver().findElement(By.className("topnav")).getText()).contains("Оқиғалар");
        browser.screenshot("map-kk");
        browser.get("/incidents?lang=en");
        browser.waitUntil(Duration.ofSeconds(10), d -> "true".equals(body("loaded")));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Incident register");
        browser.screenshot("incidents-en");
        browser.get("/?lang=ru");
    }

    @Test
    @Order(3)
    void editorRefusesACrossingPolygonAndLeavesTheFileThenSavesAGoodOne() throws Exception {
        Path file = config.resolve("ptr-002.yaml");
        byte[] before = Files.readAllBytes(file);
        browser.get("/pavilions/ptr-002/roi");
        browser.waitUntil(Duration.ofSeconds(20), d -> "true".equals(body("loaded")));
        WebElement topLeft = browser.driver().findElement(By.id("h-c1-0"));
        WebElement topRight = browser.driver().findElement(By.id("h-c1-1"));
        int beyond = topRight.getRect().getX() - topLeft.getRect().getX() + 60;
        new Actions(browser.driver()).clickAndHold(topLeft).moveByOffset(beyond / 2, 0).moveByOffset(beyond - beyond / 2, 0)
                .release().perform();
        browser.driver().findElement(By.id("roi-save")).click();
        String problem = browser.waitFor(By.id("roi-problem"), Duration.ofSeconds(10)).getText();
        assertThat(problem).contains("ptr-002.yaml", "containers[0].polygon", "crosses itself");
        assertThat(Files.readAllBytes(file)).as("refused: the file is byte for byte unchanged").isEqualTo(before);
        browser.screenshot("roi-refused");

        browser.driver().findElement(By.id("roi-reset")).click();
        WebElement corner = browser.driver().findElement(By.id("h-c1-0"));
        new Actions(browser.driver()).clickAndHold(corner).moveByOffset(-8, -6).release().perform();
        browser.driver().findElement(By.id("roi-save")).click();
        browser.waitFor(By.id("roi-saved"), Duration.ofSeconds(10));
        assertThat(Files.readAllBytes(file)).isNotEqualTo(before);
        List<String> changed = Files.readAllLines(file);
        changed.removeAll(new String(before).lines().toList());
        assertThat(changed).as("only the moved corner's line differs").hasSize(1);
        var polygon = demo.bean(Pavilions.class).find("ptr-002").orElseThrow().container("c1").orElseThrow().polygon();
        assertThat(changed.get(0)).contains(String.valueOf(polygon.get(0).x()).substring(0, 4));
        browser.screenshot("roi-saved");
    }

    private static String body(String data) {
        return browser.driver().findElement(By.tagName("body")).getAttribute("data-" + camelToDash(data));
    }

    private static String camelToDash(String s) {
        return s.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

}
