package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipInputStream;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentDesk;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.vision.ContainerEstimate;
import org.fillwatch.vision.FillState;
import org.fillwatch.vision.FrameAnalysed;
import org.fillwatch.vision.SeenFrames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every endpoint of the running service against every kind of caller, over real HTTP: anonymous,
 * the operator, carrier-a and carrier-b (signed in on the login page, session cookie and CSRF token,
 * as a browser does), the administrator, carrier-a's dispatch system (bearer token) and Prometheus
 * (scrape token).
 *
 * <p>The endpoints are read from the application's own handler mappings (controllers, actuator,
 * OpenAPI), so an endpoint added without a row in {@link #MATRIX} fails this test. Carrier-scoped
 * rows name a resource of carrier-a (pavilion ptr-001 of the demo configuration) and one of
 * carrier-b (ptr-002), so that each carrier is shown to get its own and never the other's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:fillwatch-authz;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "fillwatch.mqtt.url=",
        "fillwatch.mqtt.embedded-port=0",
        "fillwatch.timeseries.store=embedded",
        // access rules are the subject, not cameras: frames and readings are handed in by the test
        "fillwatch.cameras.enabled=false",
        "fillwatch.evidence.dir=${java.io.tmpdir}/fillwatch-authz-evidence-${random.uuid}",
        "fillwatch.incidents.escalation-check=1d",
        // Prometheus' scrape token, see SCRAPE_TOKEN
        "fillwatch.metrics.scrape-token-hash=" + AuthorisationMatrixTest.SCRAPE_TOKEN_HASH})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixTest {

    /**
     * METHOD path (query allowed), then the expected answer for: anonymous, operator, carrier-a,
     * carrier-b, admin, carrier-a's token, the scrape token; then the JSON body of a change, if any.
     * {@code login}: a redirect to the login page. Placeholders: {A-pav}/{B-pav} a pavilion of
     * carrier-a/carrier-b, {A-inc}/{B-inc} an open incident there (a fresh one for every change),
     * {A-ev}/{B-ev} one of its evidence pictures, {A-polygons}/{B-polygons} the pavilion's regions
     * with one corner moved, {A-label} a label of the latest crop of ptr-001/c1.
     */
    static final String MATRIX = """
            # request                                           anon  oper  car-a car-b admin tok-a scrape
            # pages
            GET  /                                              login 200   302   302   200   302   401
            GET  /login                                         200   200   200   200   200   200   401
            GET  /carrier                                       login 200   200   200   200   200   401
            GET  /carrier?carrier=carrier-b                     login 200   200   200   200   200   401
            GET  /admin                                         login 403   403   403   302   403   401
            GET  /admin/trends                                  login 403   403   403   200   403   401
            GET  /pavilions/{A-pav}                             login 200   403   403   200   403   401
            GET  /pavilions/{B-pav}                             login 200   403   403   200   403   401
            GET  /pavilions/{A-pav}/roi                         login 200   403   403   200   403   401
            GET  /incidents                                     login 200   403   403   200   403   401
            GET  /incidents/{B-inc}                             login 200   403   403   200   403   401
            GET  /cameras                                       login 200   403   403   200   403   401
            GET  /labelling                                     login 200   403   403   200   403   401
            GET  /error                                         500   500   500   500   500   500   401
            # static assets
            GET  /js/common.js                                  200   200   200   200   200   200   401
            GET  /webjars/leaflet/dist/leaflet.js               200   200   200   200   200   200   401
            # pavilions and map
            GET  /api/pavilions                                 401   200   200   200   200   200   401
            GET  /api/pavilions/{A-pav}                         401   200   200   403   200   200   401
            GET  /api/pavilions/{B-pav}                         401   200   403   200   200   403   401
            GET  /api/pavilions/{A-pav}/snapshot.jpg            401   200   200   403   200   200   401
            GET  /api/pavilions/{B-pav}/snapshot.jpg            401   200   403   200   200   403   401
            GET  /api/pavilions/{A-pav}/containers              401   200   200   403   200   200   401
            GET  /api/pavilions/{B-pav}/containers              401   200   403   200   200   403   401
            PUT  /api/pavilions/{A-pav}/containers              401   200   403   403   200   403   401   {A-polygons}
            PUT  /api/pavilions/{B-pav}/containers              401   200   403   403   200   403   401   {B-polygons}
            GET  /api/pavilions/{A-pav}/history?range=7d        401   200   200   403   200   200   401
            GET  /api/pavilions/{B-pav}/history?range=7d        401   200   403   200   200   403   401
            GET  /api/map/pavilions                             401   200   200   200   200   200   401
            GET  /api/map/pavilions?carrier=carrier-b           401   200   200   200   200   200   401
            GET  /api/stream                                    401   200   200   200   200   200   401
            GET  /api/cameras                                   401   200   403   403   200   403   401
            # incidents and evidence
            GET  /api/incidents                                 401   200   200   200   200   200   401
            GET  /api/incidents?carrier=carrier-b               401   200   403   200   200   403   401
            GET  /api/incidents/{A-inc}                         401   200   200   403   200   200   401
            GET  /api/incidents/{B-inc}                         401   200   403   200   200   403   401
            GET  /api/incidents/{A-inc}/history                 401   200   200   403   200   200   401
            GET  /api/incidents/{B-inc}/history                 401   200   403   200   200   403   401
            GET  /api/incidents/{A-inc}/evidence                401   200   200   403   200   200   401
            GET  /api/incidents/{B-inc}/evidence                401   200   403   200   200   403   401
            GET  /api/incidents/{A-inc}/evidence/{A-ev}         401   200   200   403   200   200   401
            GET  /api/incidents/{B-inc}/evidence/{B-ev}         401   200   403   200   200   403   401
            POST /api/incidents/{A-inc}/ack                     401   200   200   403   200   200   401   {"carrier":"carrier-a"}
            POST /api/incidents/{B-inc}/ack                     401   200   403   200   200   403   401   {"carrier":"carrier-b"}
            POST /api/incidents/{B-inc}/ack                     401   400   403   200   400   403   401   {}
            POST /api/incidents/{A-inc}/close                   401   200   403   403   200   403   401   {"comment":"emptied by hand"}
            POST /api/incidents/{B-inc}/close                   401   200   403   403   200   403   401   {"comment":"emptied by hand"}
            # carriers' pickup lists
            GET  /api/carrier/pickups                           401   200   200   200   200   200   401
            GET  /api/carrier/pickups?carrier=carrier-b         401   200   403   200   200   403   401
            GET  /api/carrier/pickups.csv?carrier=carrier-b     401   200   403   200   200   403   401
            GET  /api/carrier/pickups.geojson?carrier=carrier-a 401   200   200   403   200   200   401
            # trends (administration)
            GET  /api/trends/fill-by-district                   401   403   403   403   200   403   401
            GET  /api/trends/fill-by-district.csv               401   403   403   403   200   403   401
            # labelling (the city's staff)
            GET  /api/pavilions/{A-pav}/containers/c1/crop      401   200   403   403   200   403   401
            GET  /api/pavilions/{B-pav}/containers/c1/crop      401   200   403   403   200   403   401
            POST /api/labels                                    401   201   403   403   201   403   401   {A-label}
            GET  /api/labels/export                             401   200   403   403   200   403   401
            # operations and API description
            GET  /actuator                                      401   200   403   403   200   403   401
            GET  /actuator/health                               200   200   200   200   200   200   401
            GET  /actuator/health/db                            404   200   404   404   200   404   401
            GET  /actuator/info                                 401   200   403   403   200   403   401
            GET  /actuator/prometheus                           401   403   403   403   200   403   200
            GET  /v3/api-docs                                   401   200   200   200   200   200   401
            GET  /v3/api-docs.yaml                              401   200   200   200   200   200   401
            GET  /v3/api-docs/swagger-config                    401   200   200   200   200   200   401
            GET  /swagger-ui.html                               login 302   302   302   302   302   401
            GET  /swagger-ui/index.html                         login 200   200   200   200   200   401
            """;

    /** Prometheus' bearer token; its SHA-256 is configured above. */
    static final String SCRAPE_TOKEN = "authz-scrape-token";
    static final String SCRAPE_TOKEN_HASH = "abc0e33a524bd60c6ad1bd0809d6cceff62229e096557475270591e79fe6b01f";

    /** The callers, in the matrix's column order. */
    enum Caller { ANONYMOUS, OPERATOR, CARRIER_A, CARRIER_B, ADMIN, TOKEN_A, SCRAPE_TOKEN }

    /** Paths served by resource handlers, not by handler methods; they need rows all the same. */
    private static final List<String> RESOURCE_PREFIXES = List.of("/js/", "/css/", "/webjars/", "/swagger-ui/");

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static Path config;

    @DynamicPropertySource
    static void demoPavilions(DynamicPropertyRegistry registry) throws IOException {
        // a copy, because the region edits of the matrix write the pavilions' files
        config = Files.createTempDirectory("fillwatch-authz-config");
        Path demo = Path.of("camera-config/demo").toAbsolutePath();
        for (String file : List.of("ptr-001.yaml", "ptr-002.yaml", "ptr-003.yaml")) {
            Files.copy(demo.resolve(file), config.resolve(file));
        }
        Files.createSymbolicLink(config.resolve("clips"), demo.resolve("clips"));
        registry.add("fillwatch.cameras.config-dir", config::toString);
    }

    @LocalServerPort int port;
    @Autowired ApplicationContext context;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;
    @Autowired IncidentDesk desk;
    @Autowired Pavilions pavilions;

    private final Map<Caller, HttpClient> clients = new EnumMap<>(Caller.class);
    /** Readings are handed in with ever later times, so every streak is a new one. */
    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-11-25T06:00:00Z").getEpochSecond());
    /** Resources of each carrier that the other must never see in any answer. */
    private final Map<String, Set<String>> secrets = Map.of("carrier-a", new LinkedHashSet<>(),
            "carrier-b", new LinkedHashSet<>());
    private Pavilion a;
    private Pavilion b;
    private String aIncident;
    private String bIncident;

    @BeforeAll
    void signInAndOpenIncidents() throws Exception {
        a = pavilions.find("ptr-001").orElseThrow();
        b = pavilions.find("ptr-002").orElseThrow();
        assertThat(a.carrierId()).isEqualTo("carrier-a");
        assertThat(b.carrierId()).isEqualTo("carrier-b");
        for (Pavilion p : pavilions.all()) {
            secrets.get(p.carrierId()).add(p.id());
        }
        Instant seen = Instant.ofEpochSecond(clock.get());
        SeenFrames.show(context, a, seen);
        SeenFrames.show(context, b, seen);
        aIncident = freshIncident(a, "c2");
        bIncident = freshIncident(b, "c2");
        clients.put(Caller.ANONYMOUS, browser());
        clients.put(Caller.TOKEN_A, HttpClient.newHttpClient());
        clients.put(Caller.SCRAPE_TOKEN, HttpClient.newHttpClient());
        for (DemoLogins login : DemoLogins.values()) {
            clients.put(Caller.valueOf(login.name()), signedIn(login));
        }
    }

    @Test
    void everyEndpointHasARuleAndEveryRuleHolds() throws Exception {
        List<Row> rows = rows();
        assertThat(missingRows(rows)).as("endpoints without an expected access rule in the matrix").isEmpty();

        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            for (Caller caller : Caller.values()) {
                String failure = check(row, caller);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        assertThat(failures).as("cells of the matrix that do not hold").isEmpty();
    }

    @Test
    void anEndpointWithoutARowFailsTheMatrix() {
        Map<String, PathPattern> mapped = mappedEndpoints();
        assertThat(mapped).as("controllers, actuator and OpenAPI endpoints are all enumerated")
                .containsKeys("GET /api/pavilions/{id}", "PUT /api/pavilions/{id}/containers", "POST /api/labels",
                        "GET /actuator/health", "GET /actuator/prometheus", "GET /v3/api-docs", "GET /login");
        List<Row> withoutCameras = rows().stream().filter(r -> !r.path().equals("/api/cameras")).toList();
        assertThat(missingRows(withoutCameras)).containsExactly("endpoint GET /api/cameras has no expected access rule");
    }

    @Test
    void healthTellsOnlyTheStatusToAnyoneButStaff() throws Exception {
        for (Caller caller : EnumSet.complementOf(EnumSet.of(Caller.SCRAPE_TOKEN))) {
            String health = send(caller, "GET", "/actuator/health", null).body();
            if (caller == Caller.OPERATOR || caller == Caller.ADMIN) {
                assertThat(health).as("staff see the components").contains("\"components\"", "\"db\"", "\"mqtt\"");
            } else {
                assertThat(health).as("%s sees the status only", caller).contains("\"status\":\"UP\"")
                        .doesNotContain("components", "details", "ptr-", "jdbc", "tcp://");
            }
        }
    }

    @Test
    void aCarriersLiveStreamNeverCarriesTheOtherCarriersEvents() throws Exception {
        for (Caller caller : List.of(Caller.CARRIER_A, Caller.TOKEN_A)) {
            HttpRequest.Builder subscribe = request("/api/stream");
            if (caller == Caller.TOKEN_A) {
                subscribe.header("Authorization", "Bearer " + DemoLogins.CARRIER_A_TOKEN);
            }
            HttpResponse<java.util.stream.Stream<String>> stream = clients.get(caller).send(subscribe.build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            try (java.util.stream.Stream<String> lines = stream.body()) {
                // carrier-b's incident first: had it been sent, it would arrive before carrier-a's
                String other = freshIncident(b, "c3");
                String own = freshIncident(a, "c3");
                List<String> seen = new ArrayList<>();
                java.util.Iterator<String> it = lines.iterator();
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    while (it.hasNext()) {
                        String line = it.next();
                        seen.add(line);
                        if (line.contains(own)) {
                            return;
                        }
                    }
                }, () -> caller + "'s stream never brought its own incident " + own + ": " + seen);
                assertThat(seen).as("%s's stream up to its own incident %s", caller, own)
                        .anyMatch(l -> l.contains(own))
                        .noneMatch(l -> l.contains(other) || l.contains(b.id()) || l.contains("carrier-b"));
            }
        }
    }

    /** The lists answer 200 to everyone signed in: a carrier's holds its own rows and none of the other's. */
    @Test
    void aCarriersListsHoldOnlyItsOwnRows() throws Exception {
        for (String list : List.of("/api/pavilions", "/api/map/pavilions", "/api/map/pavilions?carrier=carrier-b",
                "/api/incidents?limit=1000", "/api/carrier/pickups", "/api/carrier/pickups.csv",
                "/api/carrier/pickups.geojson")) {
            String all = send(Caller.OPERATOR, "GET", list.replace("?carrier=carrier-b", ""), null).body();
            assertThat(all).as("the operator's %s", list).contains(a.id());
            assertThat(all).as("the operator's %s", list).contains(b.id());
            for (Caller carrier : List.of(Caller.CARRIER_A, Caller.TOKEN_A)) {
                String own = send(carrier, "GET", list, null).body();
                assertThat(own).as("%s's %s", carrier, list).doesNotContain(b.id(), bIncident, "carrier-b");
                if (!list.contains("carrier-b")) {
                    assertThat(own).as("%s's %s", carrier, list).contains(a.id());
                }
            }
            assertThat(send(Caller.CARRIER_B, "GET", list.replace("carrier-b", "carrier-a"), null).body())
                    .as("carrier-b's %s", list).doesNotContain(a.id(), aIncident, "carrier-a");
        }
    }

    /** Spellings of a staff-only or another carrier's path that a lax matcher might let through. */
    @Test
    void otherSpellingsOfClosedPathsStayClosed() throws Exception {
        List<String> variants = List.of("/api/labels/export/", "/api//labels/export", "/api/labels/./export",
                "/api/labels/%2e/export", "/api/x/../labels/export", "/API/labels/export", "/api/labels/export;x=1",
                "/api/cameras/", "/api/trends/fill-by-district/", "/pavilions/ptr-001/", "/cameras;jsessionid=1",
                "/api/pavilions/ptr-002/", "/api/pavilions/ptr-002/history/", "/api/pavilions/ptr-002%2fhistory",
                "/api/pavilions/PTR-002");
        for (String variant : variants) {
            for (String method : List.of("GET", "HEAD")) {
                HttpResponse<String> answer = send(Caller.CARRIER_A, method, variant, null);
                assertThat(answer.statusCode()).as("%s %s as carrier-a", method, variant).isGreaterThanOrEqualTo(400);
                assertThat(answer.body()).as("%s %s as carrier-a", method, variant).doesNotContain(b.id() + "\"");
            }
        }
    }

    private static List<Row> rows() {
        return MATRIX.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Row::parse).toList();
    }

    /** Every handler method of the running application: controllers, actuator and OpenAPI endpoints. */
    private Map<String, PathPattern> mappedEndpoints() {
        Map<String, PathPattern> mapped = new LinkedHashMap<>();
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name)
                        .collect(Collectors.toCollection(TreeSet::new));
                for (String pattern : info.getPatternValues()) {
                    PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
                    for (String method : methods.isEmpty() ? Set.of("ANY") : methods) {
                        mapped.put(method + " " + pattern, parsed);
                    }
                }
            }
        }
        return mapped;
    }

    /** Mapped endpoints (method and pattern) that no row of the matrix reaches. */
    private List<String> missingRows(List<Row> rows) {
        Map<String, PathPattern> mapped = mappedEndpoints();
        Set<String> reached = new TreeSet<>();
        for (Row row : rows) {
            PathContainer path = PathContainer.parsePath(row.path());
            // a row reaches the most specific pattern matching it, as the dispatcher would choose
            mapped.entrySet().stream()
                    .filter(e -> e.getValue().matches(path))
                    .filter(e -> e.getKey().startsWith("ANY ") || e.getKey().startsWith(row.method() + " "))
                    .min(Comparator.comparing(Map.Entry::getValue, PathPattern.SPECIFICITY_COMPARATOR))
                    .ifPresentOrElse(e -> reached.add(e.getKey()), () -> assertThat(RESOURCE_PREFIXES)
                            .as("row %s matches no endpoint: remove it or fix it", row)
                            .anyMatch(row.path()::startsWith));
        }
        return mapped.keySet().stream().filter(k -> !reached.contains(k))
                .map(k -> "endpoint " + k + " has no expected access rule").toList();
    }

    /** Runs one cell; null when it holds, else what went wrong. */
    private String check(Row row, Caller caller) throws Exception {
        boolean change = !row.method().equals("GET");
        String incidentA = change && row.path().contains("{A-inc}") ? freshIncident(a, "c1") : aIncident;
        String incidentB = change && row.path().contains("{B-inc}") ? freshIncident(b, "c1") : bIncident;
        String path = row.path().replace("{A-pav}", a.id()).replace("{B-pav}", b.id())
                .replace("{A-inc}", incidentA).replace("{B-inc}", incidentB);
        if (path.contains("{A-ev}") || path.contains("{B-ev}")) {
            path = path.replace("{A-ev}", evidenceName(incidentA)).replace("{B-ev}", evidenceName(incidentB));
        }
        String query = row.query() == null ? "" : "?" + row.query();
        String body = row.body() == null ? null : body(row.body());
        Supplier<String> state = stateOf(row, incidentA, incidentB);
        String before = state.get();

        HttpResponse<String> response = send(caller, row.method(), path + query, body);
        String got = outcome(response);
        String cell = row.method() + " " + path + query + (body == null ? "" : " " + body) + " as " + caller;
        if (!got.equals(row.expected().get(caller))) {
            return cell + ": expected " + row.expected().get(caller) + ", got " + got + " " + abbreviate(response.body());
        }
        if (change && response.statusCode() >= 400 && !state.get().equals(before)) {
            return cell + ": refused with " + got + " but changed " + before + " -> " + state.get();
        }
        if (change && response.statusCode() < 300 && state.get().equals(before)) {
            return cell + ": answered " + got + " but changed nothing";
        }
        String leak = leak(caller, path, response);
        return leak == null ? null : cell + ": " + leak;
    }

    /** A carrier's answer that names another carrier's pavilion or incident. */
    private String leak(Caller caller, String path, HttpResponse<String> response) {
        String carrier = switch (caller) {
            case CARRIER_A, TOKEN_A -> "carrier-b";
            case CARRIER_B -> "carrier-a";
            default -> null;
        };
        // the API description lists example values, not data
        if (carrier == null || response.statusCode() >= 300 || path.startsWith("/v3/") || path.startsWith("/swagger")) {
            return null;
        }
        for (String secret : secrets.get(carrier)) {
            if (response.body().contains(secret)) {
                return "answer names " + secret + " of " + carrier;
            }
        }
        return null;
    }

    /** What a refused change must leave alone and an accepted one must change, read back from the service. */
    private Supplier<String> stateOf(Row row, String incidentA, String incidentB) {
        if (row.path().contains("{A-inc}") || row.path().contains("{B-inc}")) {
            String number = row.path().contains("{A-inc}") ? incidentA : incidentB;
            return () -> register.find(number).map(i -> i.status() + "/" + register.history(number).size()).orElse("-");
        }
        if (row.path().startsWith("/api/pavilions/{")) {
            Path file = config.resolve((row.path().contains("{A-pav}") ? a : b).id() + ".yaml");
            return () -> read(file);
        }
        if (row.path().equals("/api/labels")) {
            return () -> labelsExported() + " labels";
        }
        return () -> "";
    }

    private String body(String template) throws Exception {
        if (template.equals("{A-label}")) {
            // a crop never labelled before, so that a label saved is a label more
            SeenFrames.show(context, a, Instant.ofEpochSecond(clock.addAndGet(60)));
            String crop = readingTime(send(Caller.OPERATOR, "GET", "/api/pavilions/" + a.id() + "/containers/c1/crop", null));
            return "{\"pavilion\":\"" + a.id() + "\",\"container\":\"c1\",\"readingTime\":\"" + crop
                    + "\",\"label\":\"full\"}";
        }
        if (template.endsWith("-polygons}")) {
            Pavilion p = template.startsWith("{A") ? a : b;
            String regions = send(Caller.OPERATOR, "GET", "/api/pavilions/" + p.id() + "/containers", null).body();
            // the first corner of the first container moves a little, differently every time
            Matcher first = Pattern.compile("\\[\\[([0-9.]+),").matcher(regions);
            assertThat(first.find()).as("regions of %s: %s", p.id(), regions).isTrue();
            double x = Double.parseDouble(first.group(1)) + (clock.incrementAndGet() % 7 + 1) * 0.001;
            return regions.substring(0, first.start(1)) + String.format(java.util.Locale.ROOT, "%.4f", x)
                    + regions.substring(first.end(1));
        }
        return template;
    }

    private static String readingTime(HttpResponse<String> crop) {
        return crop.headers().allValues("X-Reading-Time").stream().findFirst().orElseThrow(
                () -> new AssertionError("the crop names its reading time: " + crop.headers().map()));
    }

    private int labelsExported() {
        try {
            HttpResponse<byte[]> zip = clients.get(Caller.ADMIN).send(request("/api/labels/export")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            int entries = 0;
            try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
                while (in.getNextEntry() != null) {
                    entries++;
                }
            }
            return entries;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String evidenceName(String incident) {
        try {
            String list = send(Caller.OPERATOR, "GET", "/api/incidents/" + incident + "/evidence", null).body();
            Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(list);
            assertThat(name.find()).as("evidence of %s: %s", incident, list).isTrue();
            return name.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a new incident on the container: closes the open one, if any, then hands in full
     * readings until the register holds a new open incident.
     */
    private String freshIncident(Pavilion pavilion, String container) throws InterruptedException {
        Optional<Incident> open = openIncident(pavilion, container);
        open.ifPresent(i -> desk.close(i.registrationNumber(), "authorisation matrix", "next cell"));
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Instant at = Instant.ofEpochSecond(clock.addAndGet(60));
            // published while a frame is in flight, as vision does, so that the incident has evidence
            SeenFrames.show(context, pavilion, at, () -> events.publishEvent(new FrameAnalysed(pavilion.id(), at, "test",
                    List.of(new ContainerEstimate(container, 91, FillState.FULL, 0.9, 0.0)))));
            Optional<Incident> opened = openIncident(pavilion, container);
            if (opened.isPresent()) {
                secrets.get(pavilion.carrierId()).add(opened.get().registrationNumber());
                return opened.get().registrationNumber();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no incident opened on " + pavilion.id() + "/" + container);
    }

    private Optional<Incident> openIncident(Pavilion pavilion, String container) {
        return register.list(null, pavilion.carrierId(), 10_000).stream()
                .filter(i -> i.pavilionId().equals(pavilion.id()) && i.containerId().equals(container))
                .filter(i -> i.status().isOpen())
                .findFirst();
    }

    private HttpResponse<String> send(Caller caller, String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder request = request(pathAndQuery);
        if (caller == Caller.TOKEN_A) {
            request.header("Authorization", "Bearer " + DemoLogins.CARRIER_A_TOKEN);
        }
        if (caller == Caller.SCRAPE_TOKEN) {
            request.header("Authorization", "Bearer " + SCRAPE_TOKEN);
        }
        if (body != null) {
            // a browser's change carries the session's CSRF token; the anonymous browser's comes from /login
            request.header("Content-Type", "application/json");
            if (caller != Caller.TOKEN_A && caller != Caller.SCRAPE_TOKEN) {
                request.header("X-CSRF-TOKEN", csrfToken(caller));
            }
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<InputStream> response = clients.get(caller).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            // an event stream never ends: its status and headers are the answer
            boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            String text = stream ? "" : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return new StringResponse(response, text);
        }
    }

    private String csrfToken(Caller caller) throws Exception {
        String page = caller == Caller.ANONYMOUS ? "/login" : "/carrier";
        String html = clients.get(caller).send(request(page).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = (caller == Caller.ANONYMOUS ? CSRF_FIELD : CSRF_META).matcher(html);
        assertThat(token.find()).as("CSRF token on %s for %s", page, caller).isTrue();
        return token.group(1);
    }

    private static String outcome(HttpResponse<String> response) {
        boolean toLogin = response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").matches(".*/login(\\?.*)?");
        return toLogin ? "login" : String.valueOf(response.statusCode());
    }

    private HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    /** Signs in on the login page with its CSRF token, as a person does. */
    private HttpClient signedIn(DemoLogins login) throws Exception {
        HttpClient browser = browser();
        clients.put(Caller.valueOf(login.name()), browser);
        String token = csrfTokenOfLoginPage(browser);
        String form = "username=" + login.user + "&password=" + login.password + "&_csrf="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(request("/login").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).as("%s signed in", login.user)
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error").doesNotContain("/login"));
        return browser;
    }

    private String csrfTokenOfLoginPage(HttpClient browser) throws Exception {
        Matcher token = CSRF_FIELD.matcher(browser.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    /** One line of the matrix. */
    record Row(String method, String path, String query, Map<Caller, String> expected, String body) {

        static Row parse(String line) {
            String[] parts = line.split("\\s+", 3 + Caller.values().length);
            if (parts.length < 2 + Caller.values().length) {
                throw new IllegalArgumentException("matrix row needs METHOD path and an outcome per caller: " + line);
            }
            String[] target = parts[1].split("\\?", 2);
            Map<Caller, String> expected = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                expected.put(caller, parts[2 + caller.ordinal()]);
            }
            return new Row(parts[0], target[0], target.length > 1 ? target[1] : null, expected,
                    parts.length > 2 + Caller.values().length ? parts[2 + Caller.values().length] : null);
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** A response whose body was read as text (pictures and archives only need to arrive). */
    private record StringResponse(HttpResponse<InputStream> raw, String body) implements HttpResponse<String> {
        @Override public int statusCode() { return raw.statusCode(); }
        @Override public HttpRequest request() { return raw.request(); }
        @Override public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() { return raw.headers(); }
        @Override public Optional<javax.net.ssl.SSLSession> sslSession() { return raw.sslSession(); }
        @Override public URI uri() { return raw.uri(); }
        @Override public HttpClient.Version version() { return raw.version(); }
    }
}
