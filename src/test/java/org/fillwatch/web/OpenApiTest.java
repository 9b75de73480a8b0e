package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.fillwatch.testing.ApiCalls;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** springdoc 3.1.1 on Spring Boot 4.0.7: the OpenAPI description and Swagger UI, for signed-in users only. */
@EmbeddedServiceTest
class OpenApiTest {

    @LocalServerPort int port;

    @Test
    void describesTheApiToSignedInUsers() throws Exception {
        ApiCalls api = new ApiCalls(port);
        HttpResponse<String> docs = api.get(DemoLogins.CARRIER_A, "/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode openApi = JsonMapper.builder().build().readTree(docs.body());
        assertThat(openApi.path("openapi").asString()).startsWith("3.");
        JsonNode paths = openApi.path("paths");
        assertThat(paths.has("/api/trends/{name}")).isTrue();
        assertThat(paths.has("/api/trends/{name}.csv")).isTrue();
        assertThat(paths.has("/api/carrier/pickups")).isTrue();
        assertThat(paths.has("/api/carrier/pickups.geojson")).isTrue();
        assertThat(paths.has("/api/incidents")).isTrue();
        assertThat(paths.has("/api/pavilions")).isTrue();
        assertThat(paths.path("/api/trends/{name}").path("get").path("parameters").toString())
                .contains("fill-by-weekday-hour", "deadline-share");
        assertThat(openApi.path("components").path("schemas").has("Pickup")).isTrue();

        assertThat(api.get(null, "/v3/api-docs").statusCode()).isEqualTo(401);
        assertThat(api.get(DemoLogins.OPERATOR, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(api.get(null, "/swagger-ui/index.html").statusCode()).as("to the login page").isEqualTo(302);
    }
}
