package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Roles, carrier scoping, API tokens, CSRF and security headers on the running service. */
@EmbeddedServiceTest
class SecurityTest {

    @LocalServerPort int port;
    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void onlyLoginHealthAndAssetsWithoutSigningIn() throws Exception {
        assertThat(send(get("/api/pavilions")).statusCode()).isEqualTo(401);
        HttpResponse<String> api = send(get("/api/incidents"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).as("no Basic challenge: browsers would pop up a dialog").startsWith("Bearer"));
        HttpResponse<String> home = send(get("/"));
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/login"));
        assertThat(send(get("/incidents")).statusCode()).isEqualTo(302);
        assertThat(send(get("/login")).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/health")).statusCode()).isEqualTo(200);
        assertThat(send(get("/js/common.js")).statusCode()).isEqualTo(200);
        assertThat(send(get("/webjars/leaflet/dist/leaflet.js")).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/pavilions").header("Authorization", "Basic b3BlcmF0b3I6d3Jvbmc=")).statusCode())
                .as("operator with a wrong password").isEqualTo(401);
    }

    @Test
    void carrierSeesOnlyItsOwnPavilionsAndIncidents() throws Exception {
        Pavilion own = pavilions.create("carrier-a", 1);
        Pavilion other = pavilions.create("carrier-b", 1);
        String ownIncident = openIncident(own);
        String otherIncident = openIncident(other);

        JsonNode seen = json.readTree(send(as(DemoLogins.CARRIER_A, "/api/pavilions")).body());
        assertThat(seen.valueStream().map(p -> p.path("carrier").asString())).isNotEmpty().containsOnly("carrier-a");
        JsonNode all = json.readTree(send(as(DemoLogins.OPERATOR, "/api/pavilions")).body());
        assertThat(all.valueStream().map(p -> p.path("id").asString())).contains(own.id(), other.id());

        assertThat(send(as(DemoLogins.CARRIER_A, "/api/pavilions/" + own.id())).statusCode()).isEqualTo(200);
        assertThat(send(as(DemoLogins.CARRIER_A, "/api/pavilions/" + other.id())).statusCode()).isEqualTo(403);
        assertThat(send(as(DemoLogins.CARRIER_A, "/api/incidents/" + otherIncident)).statusCode()).isEqualTo(403);
        assertThat(send(as(DemoLogins.CARRIER_A, "/api/incidents/" + otherIncident + "/history")).statusCode())
                .isEqualTo(403);
        assertThat(send(as(DemoLogins.CARRIER_A, "/api/incidents/" + otherIncident + "/evidence")).statusCode())
                .isEqualTo(403);
        assertThat(send(as(DemoLogins.CARRIER_A, "/api/incidents?carrier=carrier-b")).statusCode()).isEqualTo(403);
        JsonNode list = json.readTree(send(as(DemoLogins.CARRIER_A, "/api/incidents?limit=1000")).body());
        assertThat(list.valueStream().map(i -> i.path("carrierId").asString())).containsOnly("carrier-a");
        assertThat(list.valueStream().map(i -> i.path("registrationNumber").asString())).contains(ownIncident);

        assertThat(send(post(DemoLogins.CARRIER_A, "/api/incidents/" + otherIncident + "/ack", "{}")).statusCode())
                .as("another carrier's incident").isEqualTo(403);
        assertThat(send(post(DemoLogins.CARRIER_A, "/api/incidents/" + ownIncident + "/ack",
                "{\"carrier\":\"carrier-b\"}")).statusCode()).as("posing as another carrier").isEqualTo(403);
        assertThat(send(post(DemoLogins.CARRIER_A, "/api/incidents/" + otherIncident + "/close",
                "{\"comment\":\"x\"}")).statusCode()).isEqualTo(403);
        HttpResponse<String> acked = send(post(DemoLogins.CARRIER_A, "/api/incidents/" + ownIncident + "/ack", "{}"));
        assertThat(acked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(acked.body()).path("acknowledgedBy").asString()).isEqualTo("carrier-a");
        assertThat(register.find(otherIncident).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);
    }

    @Test
    void carrierSystemsUseHashedApiTokens() throws Exception {
        openIncident(pavilions.create("carrier-a", 1));
        String otherIncident = openIncident(pavilions.create("carrier-b", 1));
        HttpRequest.Builder token = get("/api/incidents").header("Authorization", "Bearer " + DemoLogins.CARRIER_A_TOKEN);
        HttpResponse<String> list = send(token);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json.readTree(list.body()).valueStream().map(i -> i.path("carrierId").asString()))
                .containsOnly("carrier-a");
        assertThat(list.headers().firstValue("Set-Cookie")).as("a token opens no session").isEmpty();
        assertThat(send(get("/api/incidents/" + otherIncident)
                .header("Authorization", "Bearer " + DemoLogins.CARRIER_A_TOKEN)).statusCode()).isEqualTo(403);
        assertThat(send(get("/api/incidents").header("Authorization", "Bearer not-a-token")).statusCode()).isEqualTo(401);
        assertThat(send(get("/api/labels/export").header("Authorization", "Bearer " + DemoLogins.CARRIER_A_TOKEN))
                .statusCode()).as("labelling is the city's staff's work").isEqualTo(403);
    }

    @Test
    void formsNeedTheirCsrfTokenAndSignInWorks() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();

        HttpResponse<String> forged = browser.send(form("/login", "username=operator&password=operator-demo"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("sign-in without the token").isEqualTo(403);

        HttpResponse<String> signedIn = browser.send(form("/login", "username=operator&password=operator-demo&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).doesNotContain("error"));
        HttpResponse<String> map = browser.send(get("/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(map.body()).contains("leaflet");

        Pavilion pavilion = pavilions.create("carrier-a", 1);
        String number = openIncident(pavilion);
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(uri("/api/incidents/" + number + "/close"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"cross-site\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).as("cookie-authenticated POST without CSRF token").isEqualTo(403);
        assertThat(register.find(number).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);
    }

    @Test
    void pagesAndApiCarrySecurityHeaders() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {send(get("/login")),
                send(as(DemoLogins.OPERATOR, "/api/pavilions")), send(as(DemoLogins.OPERATOR, "/"))}) {
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self';", "object-src 'none'");
            String scripts = csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src")));
            assertThat(scripts).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
        String page = send(as(DemoLogins.OPERATOR, "/")).body();
        assertThat(page).as("no inline script with code; only src= scripts and JSON data blocks")
                .doesNotContainPattern("<script(?![^>]*(src=|type=\"application/json\"))[^>]*>");
        assertThat(page).doesNotContain("onclick=", "onload=", "javascript:");
    }

    @Test
    void languageSwitchesAndIsRemembered() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body())
                .as("Russian by default").contains("Вход в FillWatch");
        assertThat(browser.send(get("/login?lang=kk").build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("FillWatch жүйесіне кіру");
        assertThat(browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body())
                .as("kept by cookie").contains("FillWatch жүйесіне кіру");
        assertThat(browser.send(get("/login?lang=en").build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("Sign in to FillWatch");
    }

    private String openIncident(Pavilion pavilion) {
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 91, FillState.FULL));
        }
        return register.list(IncidentStatus.OPEN, pavilion.carrierId(), 1000).stream()
                .filter(x -> x.pavilionId().equals(pavilion.id())).findFirst().orElseThrow().registrationNumber();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    private HttpRequest.Builder as(DemoLogins login, String path) {
        return get(path).header("Authorization", login.basic());
    }

    private HttpRequest.Builder post(DemoLogins login, String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", login.basic())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
