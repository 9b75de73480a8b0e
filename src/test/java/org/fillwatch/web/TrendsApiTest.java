package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
 * The trends API over one container's day, whose figures are worked out below: readings 40, 60,
 * (UNKNOWN 10), 100 x 3 overflowing in two clock hours, 5 x 3 emptied; an OVERFLOW incident opened
 * at 12:10 and emptied at 12:50 (2400 s, within its 2 h deadline). Administrators only.
 */
@EmbeddedServiceTest
class TrendsApiTest {

    private static final String DAY = "2037-03-02T";
    private static final String PERIOD = "?from=2037-03-02T00:00:00Z&to=2037-03-03T00:00:00Z";

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @LocalServerPort int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private ApiCalls api;
    private static boolean written;

    @BeforeEach
    void day() {
        api = new ApiCalls(port);
        if (written) {
            return;
        }
        written = true;
        Pavilion pavilion = pavilions.create("carrier-a", 1);
        read(pavilion, "08:00", 40, FillState.PARTIAL);
        read(pavilion, "08:30", 60, FillState.PARTIAL);
        read(pavilion, "09:00", 10, FillState.UNKNOWN);
        read(pavilion, "10:05", 100, FillState.OVERFLOWING);
        read(pavilion, "10:40", 100, FillState.OVERFLOWING);
        read(pavilion, "12:10", 100, FillState.OVERFLOWING);
        read(pavilion, "12:30", 5, FillState.EMPTY);
        read(pavilion, "12:40", 5, FillState.EMPTY);
        read(pavilion, "12:50", 5, FillState.EMPTY);
    }

    private void read(Pavilion pavilion, String time, double fill, FillState state) {
        events.publishEvent(TestPavilions.frame(pavilion, Instant.parse(DAY + time + ":00Z"), fill, state));
    }

    private JsonNode rows(String trend) throws Exception {
        HttpResponse<String> response = api.get(DemoLogins.ADMIN, "/api/trends/" + trend + PERIOD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("from").asString()).isEqualTo("2037-03-02T00:00:00Z");
        return answer.path("rows");
    }

    @Test
    void fillFiguresComeFromTheStoredReadings() throws Exception {
        JsonNode districts = rows("fill-by-district");
        assertThat(districts).hasSize(1);
        assertThat(districts.get(0).path("district").asString()).isEqualTo("Centre");
        assertThat(districts.get(0).path("readings").asLong()).isEqualTo(8);
        assertThat(districts.get(0).path("averageFillPercent").asDouble()).isEqualTo((40 + 60 + 300 + 15) / 8.0);

        ZonedDateTime eight = Instant.parse(DAY + "08:00:00Z").atZone(ZoneId.systemDefault());
        JsonNode slot = rows("fill-by-weekday-hour").valueStream()
                .filter(r -> r.path("weekday").asString().equals(eight.getDayOfWeek().name())
                        && r.path("hour").asInt() == eight.getHour()).findFirst().orElseThrow();
        assertThat(slot.path("averageFillPercent").asDouble()).isEqualTo(50.0);

        JsonNode overflow = rows("overflow-hours");
        assertThat(overflow.get(0).path("hours").asLong()).as("10:xx and 12:xx").isEqualTo(2);
    }

    @Test
    void incidentFiguresComeFromTheRegister() throws Exception {
        JsonNode byType = rows("incidents-by-carrier-type");
        assertThat(byType).hasSize(1);
        assertThat(byType.get(0).path("carrier").asString()).isEqualTo("carrier-a");
        assertThat(byType.get(0).path("type").asString()).isEqualTo("OVERFLOW");
        assertThat(byType.get(0).path("resolved").asLong()).isEqualTo(1);

        JsonNode pickup = rows("time-to-pickup");
        assertThat(pickup.get(0).path("carrier").isNull()).isTrue();
        assertThat(pickup.get(0).path("medianSeconds").asDouble()).isEqualTo(2400.0);
        assertThat(pickup.get(0).path("p90Seconds").asDouble()).isEqualTo(2400.0);

        assertThat(rows("deadline-share").get(0).path("share").asDouble()).isEqualTo(1.0);
        assertThat(rows("escalations")).isEmpty();
    }

    @Test
    void eachTrendDownloadsAsCsv() throws Exception {
        HttpResponse<String> csv = api.get(DemoLogins.ADMIN, "/api/trends/fill-by-district.csv" + PERIOD);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body()).isEqualTo("district,average_fill_pct,readings\r\nCentre,51.88,8\r\n");
        assertThat(api.get(DemoLogins.ADMIN, "/api/trends/time-to-pickup.csv" + PERIOD).body())
                .isEqualTo("carrier,pickups,median_seconds,p90_seconds\r\n,1,2400.0,2400.0\r\ncarrier-a,1,2400.0,2400.0\r\n");
        for (String trend : new String[] {"fill-by-weekday-hour", "overflow-hours", "incidents-by-carrier-type",
                "deadline-share", "escalations"}) {
            assertThat(api.get(DemoLogins.ADMIN, "/api/trends/" + trend + ".csv" + PERIOD).statusCode()).as(trend)
                    .isEqualTo(200);
        }
        assertThat(api.get(DemoLogins.ADMIN, "/api/trends/nothing.csv").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAdministratorsAndOnlySensiblePeriods() throws Exception {
        assertThat(api.get(DemoLogins.CARRIER_A, "/api/trends/fill-by-district").statusCode()).isEqualTo(403);
        assertThat(api.get(DemoLogins.OPERATOR, "/api/trends/escalations.csv").statusCode()).isEqualTo(403);
        assertThat(api.get(null, "/api/trends/fill-by-district").statusCode()).isEqualTo(401);
        HttpResponse<String> reversed = api.get(DemoLogins.ADMIN, "/api/trends/fill-by-district?from=2037-03-05&to=2037-03-01");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("from must be before to");
        assertThat(api.get(DemoLogins.ADMIN, "/api/trends/fill-by-district?from=yesterday").body())
                .contains("from must be a date (2026-11-25) or an instant");
        assertThat(api.get(DemoLogins.ADMIN, "/api/trends/fill-by-district?from=2030-01-01&to=2037-01-01").statusCode())
                .as("longer than 400 days").isEqualTo(400);
        // dates are whole days in the city's zone, the "to" day included
        JsonNode answer = json.readTree(api.get(DemoLogins.ADMIN, "/api/trends/overflow-hours?from=2037-03-02&to=2037-03-02").body());
        assertThat(Instant.parse(answer.path("to").asString()))
                .isEqualTo(java.time.LocalDate.parse("2037-03-03").atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
