package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ApiCalls;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The carriers' pickup list over HTTP as the demo users: a carrier gets its own containers only
 * (another carrier's list is a 403), most urgent first, in JSON, CSV and RFC 7946 GeoJSON.
 */
@EmbeddedServiceTest
class PickupApiTest {

    /** A day no other test of the shared context uses. */
    private static final Instant T0 = Instant.parse("2036-06-11T06:00:00Z");
    private static final String DATE = LocalDate.ofInstant(T0, ZoneId.systemDefault()).toString();

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @LocalServerPort int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private ApiCalls api;
    private static Pavilion fullA;
    private static Pavilion overflowA;
    private static Pavilion fullB;

    @BeforeEach
    void incidents() {
        api = new ApiCalls(port);
        if (fullA != null) {
            return;
        }
        fullA = pavilions.create("carrier-a", 1);
        overflowA = pavilions.create("carrier-a", 1);
        fullB = pavilions.create("carrier-b", 1);
        // FULL opens at T0 (deadline +4h); the OVERFLOW an hour later has the earlier deadline (+2h)
        readings(fullA, T0, 90, FillState.FULL);
        readings(overflowA, T0.plusSeconds(3600), 100, FillState.OVERFLOWING);
        readings(fullB, T0, 88, FillState.FULL);
    }

    private void readings(Pavilion pavilion, Instant from, double fill, FillState state) {
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(pavilion, from.plusSeconds(60L * i), fill, state));
        }
    }

    private JsonNode pickups(DemoLogins login, String query) throws Exception {
        HttpResponse<String> response = api.get(login, "/api/carrier/pickups?date=" + DATE + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void carrierGetsItsOwnContainersMostUrgentFirst() throws Exception {
        JsonNode list = pickups(DemoLogins.CARRIER_A, "");
        assertThat(list.path("carrier").asString()).isEqualTo("carrier-a");
        List<JsonNode> mine = list.path("pickups").valueStream()
                .filter(p -> List.of(fullA.id(), overflowA.id()).contains(p.path("pavilion").asString())).toList();
        assertThat(mine).extracting(p -> p.path("type").asString()).containsExactly("OVERFLOW", "FULL");
        assertThat(list.path("pickups").valueStream().map(p -> p.path("carrier").asString())).containsOnly("carrier-a");
        JsonNode first = mine.get(0);
        assertThat(first.path("address").asString()).isEqualTo("Test St. 1");
        assertThat(first.path("district").asString()).isEqualTo("Centre");
        assertThat(first.path("latitude").asDouble()).isEqualTo(54.87);
        assertThat(first.path("longitude").asDouble()).isEqualTo(69.14);
        assertThat(first.path("container").asString()).isEqualTo("c1");
        assertThat(first.path("registrationNumber").asString()).matches("2036-\\d{6}");
        assertThat(Instant.parse(first.path("deadline").asString())).isEqualTo(T0.plusSeconds(3600 + 120 + 7200));
    }

    @Test
    void anotherCarriersListIsForbiddenAndStaffChoose() throws Exception {
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups?carrier=carrier-b").statusCode()).isEqualTo(403);
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups.csv?carrier=carrier-b").statusCode()).isEqualTo(403);
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups.geojson?carrier=carrier-b").statusCode())
                .isEqualTo(403);
        assertThat(api.get(DemoLogins.CARRIER_B, "/api/carrier/pickups?carrier=carrier-a").statusCode()).isEqualTo(403);
        assertThat(api.get(null, "/api/carrier/pickups").statusCode()).isEqualTo(401);

        JsonNode forB = pickups(DemoLogins.ADMIN, "&carrier=carrier-b");
        assertThat(forB.path("pickups").valueStream().map(p -> p.path("pavilion").asString())).contains(fullB.id())
                .doesNotContain(fullA.id());
        JsonNode all = pickups(DemoLogins.OPERATOR, "");
        assertThat(all.path("pickups").valueStream().map(p -> p.path("pavilion").asString()))
                .contains(fullA.id(), overflowA.id(), fullB.id());
        assertThat(pickups(DemoLogins.CARRIER_B, "").path("pickups").valueStream()
                .map(p -> p.path("pavilion").asString())).contains(fullB.id()).doesNotContain(fullA.id(), overflowA.id());
    }

    @Test
    void csvHasAHeaderAndTheSameOrder() throws Exception {
        HttpResponse<String> csv = api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups.csv?date=" + DATE);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"pickups_carrier-a_" + DATE + ".csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("registration_number,type,status,deadline,opened_at,");
        List<String> mine = lines.stream().filter(l -> l.contains(fullA.id()) || l.contains(overflowA.id())).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0)).contains(",OVERFLOW,OPEN,").contains(",Test St. 1,54.87,69.14,c1,");
        assertThat(mine.get(1)).contains(",FULL,OPEN,");
        assertThat(csv.body()).doesNotContain(fullB.id());
    }

    @Test
    void geoJsonIsAFeatureCollectionOfPointsInLongitudeLatitudeOrder() throws Exception {
        HttpResponse<String> response = api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups.geojson?date=" + DATE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/geo+json"));
        JsonNode collection = json.readTree(response.body());
        assertThat(collection.path("type").asString()).isEqualTo("FeatureCollection");
        List<JsonNode> mine = collection.path("features").valueStream()
                .filter(f -> f.path("properties").path("pavilion").asString().equals(overflowA.id())).toList();
        assertThat(mine).hasSize(1);
        JsonNode feature = mine.get(0);
        assertThat(feature.path("type").asString()).isEqualTo("Feature");
        assertThat(feature.path("geometry").path("type").asString()).isEqualTo("Point");
        assertThat(feature.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(69.14);
        assertThat(feature.path("geometry").path("coordinates").get(1).asDouble()).isEqualTo(54.87);
        assertThat(feature.path("properties").path("type").asString()).isEqualTo("OVERFLOW");
        assertThat(feature.path("id").asString()).isEqualTo(feature.path("properties").path("registrationNumber").asString());
    }

    @Test
    void badDateIsA400() throws Exception {
        HttpResponse<String> response = api.get(DemoLogins.CARRIER_A, "/api/carrier/pickups?date=11.06.2036");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("date must look like 2026-11-25");
    }
}
