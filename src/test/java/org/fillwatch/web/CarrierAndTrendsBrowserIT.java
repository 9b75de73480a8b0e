package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.testing.ApiCalls;
import org.fillwatch.testing.Browser;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.DemoService;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The carrier's inbox and the administration's trends page in headless Chromium against the demo
 * configuration (cameras off, so the data is exactly the readings this test hands in): three days
 * of readings, an overflow emptied, an escalated incident, and one FULL incident today for each of
 * carrier-a (ptr-001) and carrier-b (ptr-002). carrier-a sees its own and not carrier-b's, also on
 * the API (403); the trends page draws every chart with data. Screenshots in target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CarrierAndTrendsBrowserIT {

    static DemoService demo;
    static Browser browser;
    static Incident ownIncident;
    static Incident otherIncident;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoService.start("fillwatch.cameras.enabled=false", "fillwatch.incidents.escalation-check=1s");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        // three days of hourly readings of ptr-001 (Centre) and ptr-002 (Podgora), never full
        for (int h = 72; h >= 6; h--) {
            Instant at = now.minus(Duration.ofHours(h));
            read("ptr-001", at, "c2", 20 + (h * 7) % 50, FillState.PARTIAL);
            read("ptr-002", at, "c2", 30 + (h * 11) % 45, FillState.PARTIAL);
        }
        // ptr-003/c2 overflows for two hours, then the carrier empties it
        Instant overflow = now.minus(Duration.ofHours(30));
        for (int i = 0; i < 3; i++) {
            read("ptr-003", overflow.plus(Duration.ofMinutes(50L * i)), "c2", 100, FillState.OVERFLOWING);
        }
        for (int i = 0; i < 3; i++) {
            read("ptr-003", overflow.plus(Duration.ofMinutes(150 + 5L * i)), "c2", 4, FillState.EMPTY);
        }
        // ptr-003/c3 full five hours ago: its 4 h deadline has passed, the deadline check escalates it
        for (int i = 0; i < 3; i++) {
            read("ptr-003", now.minus(Duration.ofHours(5)).plus(Duration.ofMinutes(i)), "c3", 90, FillState.FULL);
        }
        // today's pickups: one for each carrier
        for (int i = 0; i < 3; i++) {
            read("ptr-001", now.minus(Duration.ofMinutes(10 - i)), "c1", 93, FillState.FULL);
            read("ptr-002", now.minus(Duration.ofMinutes(10 - i)), "c1", 91, FillState.FULL);
        }
        IncidentRegister register = demo.bean(IncidentRegister.class);
        ownIncident = open(register, "ptr-001");
        otherIncident = open(register, "ptr-002");
        browser = Browser.open(demo.url(""));
    }

    private static void read(String pavilion, Instant at, String container, double fill, FillState state) {
        demo.publish(new FrameAnalysed(pavilion, at, "browser-test",
                List.of(new ContainerEstimate(container, fill, state, 0.9, 0.0))));
    }

    private static Incident open(IncidentRegister register, String pavilion) {
        return register.list(IncidentStatus.OPEN, null, 100).stream()
                .filter(i -> i.pavilionId().equals(pavilion) && i.containerId().equals("c1")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        // closed in reverse order, the browser first; a null (failed start) is skipped
        try (DemoService service = demo; Browser chromium = browser) {
            // nothing to do but close them
        }
    }

    @Test
    @Order(1)
    void carrierSeesItsOwnIncidentsNotAnotherCarriersAndAcknowledges() throws Exception {
        browser.signIn(DemoLogins.CARRIER_A);
        assertThat(browser.driver().getCurrentUrl()).as("a carrier's home is its inbox").endsWith("/carrier");
        browser.waitUntil(Duration.ofSeconds(15), d -> page("carrier-page", "loaded") != null);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#pickups tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).extracting(r -> r.getAttribute("data-carrier")).containsOnly("carrier-a");
        assertThat(rows).extracting(r -> r.getAttribute("data-number"))
                .contains(ownIncident.registrationNumber()).doesNotContain(otherIncident.registrationNumber());
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain("ptr-002");
        browser.screenshot("carrier-inbox");

        WebElement own = row(ownIncident.registrationNumber());
        assertThat(own.getText()).contains("Konstitutsii Kazakhstana St. 38", "полный", "93 %").doesNotContain("подтверждён");
        own.findElement(By.cssSelector("button.ack")).click();
        browser.waitUntil(Duration.ofSeconds(10), d -> row(ownIncident.registrationNumber()).getText().contains("подтверждён"));
        assertThat(demo.bean(IncidentRegister.class).find(ownIncident.registrationNumber()).orElseThrow().status())
                .isEqualTo(IncidentStatus.ACKNOWLEDGED);
        browser.screenshot("carrier-acknowledged");

        browser.get("/carrier?lang=en");
        browser.waitUntil(Duration.ofSeconds(15), d -> page("carrier-page", "loaded") != null);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).startsWith("Pickups");
        browser.screenshot("carrier-inbox-en");
        browser.get("/carrier?lang=ru");

        // the same on the API itself
        ApiCalls api = new ApiCalls(demo.port());
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups?carrier=carrier-b").statusCode()).isEqualTo(403);
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/incidents/" + otherIncident.registrationNumber()).statusCode())
                .isEqualTo(403);
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups.geojson").body())
                .contains(ownIncident.registrationNumber()).doesNotContain(otherIncident.registrationNumber());
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/trends/fill-by-district").statusCode()).isEqualTo(403);
        browser.get("/admin/trends");
        assertThat(browser.driver().getPageSource()).doesNotContain("period-form");
    }

    @Test
    @Order(2)
    void administratorsTrendsPageShowsChartsWithData() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.signIn(DemoLogins.ADMIN);
        // the incident opened five hours ago escalates at the next deadline check (every second here)
        browser.waitUntil(Duration.ofSeconds(15), d -> demo.bean(IncidentRegister.class)
                .list(IncidentStatus.ESCALATED, "carrier-a", 10).size() > 0);
        browser.get("/admin/trends");
        browser.waitUntil(Duration.ofSeconds(20), d -> "true".equals(page("trends-page", "loaded")));
        for (String trend : TrendsController.NAMES) {
            WebElement section = browser.driver().findElement(By.cssSelector("section[data-trend=" + trend + "]"));
            assertThat(Integer.parseInt(section.getAttribute("data-points"))).as(trend + " data points").isPositive();
            Object drawn = browser.driver().executeScript(
                    "const c = Chart.getChart(arguments[0].querySelector('canvas'));"
                            + " return c ? c.data.datasets.reduce((n, d) => n + d.data.length, 0) : -1;", section);
            assertThat(((Number) drawn).intValue()).as(trend + " drawn by Chart.js").isPositive();
        }
        assertThat(browser.driver().findElement(By.cssSelector("section[data-trend=fill-by-district] a.csv"))
                .getAttribute("href")).contains("/api/trends/fill-by-district.csv?from=");
        browser.screenshot("admin-trends");

        browser.get("/admin/trends?lang=kk");
        browser.waitUntil(Duration.ofSeconds(20), d -> "true".equals(page("trends-page", "loaded")));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Трендтер");
        browser.screenshot("admin-trends-kk");
        browser.get("/admin/trends?lang=ru");

        HttpResponse<String> metrics = new ApiCalls(demo.port()).get(DemoLogins.ADMIN, "/actuator/prometheus");
        assertThat(metrics.body()).contains("fillwatch_camera_frames_total{camera=\"ptr-001\",result=\"ok\"}",
                "fillwatch_incidents{state=\"ESCALATED\",type=\"FULL\"} 1.0");
    }

    private static WebElement row(String number) {
        return browser.driver().findElement(By.cssSelector("#pickups tbody tr[data-number='" + number + "']"));
    }

    private static String page(String id, String data) {
        return browser.driver().findElement(By.id(id)).getAttribute("data-" + data);
    }
}
