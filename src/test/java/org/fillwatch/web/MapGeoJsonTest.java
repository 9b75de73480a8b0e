package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fillwatch.pavilion.CameraSpec;
import org.fillwatch.pavilion.ConfigProblem;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.SamplingMode;
import org.fillwatch.pavilion.Thresholds;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.LatestReadings;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The map's GeoJSON with 5,000 generated pavilions: valid RFC 7946, filtered, scoped and compact. */
class MapGeoJsonTest {

    static final int PAVILIONS = 5000;

    private final List<Pavilion> all = new ArrayList<>();
    private final List<FillReading> readings = new ArrayList<>();
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

    MapGeoJsonTest() {
        FillState[] states = FillState.values();
        for (int i = 0; i < PAVILIONS; i++) {
            String id = String.format("ptr-%04d", i);
            List<ContainerSpec> containers = new ArrayList<>();
            for (int c = 1; c <= 3; c++) {
                containers.add(new ContainerSpec("c" + c, "1.1 m3 euro container", List.of(new ContainerSpec.Point(0.1, 0.1),
                        new ContainerSpec.Point(0.3, 0.1), new ContainerSpec.Point(0.3, 0.5), new ContainerSpec.Point(0.1, 0.5)),
                        Thresholds.DEFAULT));
                readings.add(new FillReading(now, id, "c" + c, "District " + (i % 12), "carrier-" + (char) ('a' + i % 4),
                        (i * 7 + c * 13) % 100, states[(i + c) % 4], 0.9, "test"));
            }
            all.add(new Pavilion(id, "Pavilion, Some Long Street Name " + i, "Some Long Street Name " + i + ", Petropavlovsk",
                    "District " + (i % 12), 54.80 + (i % 100) * 0.0013457, 69.10 + (i / 100) * 0.0021113,
                    "carrier-" + (char) ('a' + i % 4), new CameraSpec("rtsp://10.0.0.1/" + id, SamplingMode.BURST,
                    Duration.ofSeconds(60), null), containers, id + ".yaml"));
        }
    }

    private final Pavilions pavilions = new Pavilions() {
        public List<Pavilion> all() {
            return all;
        }

        public Optional<Pavilion> find(String id) {
            return all.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        public List<ConfigProblem> problems() {
            return List.of();
        }
    };

    private final LatestReadings latest = new LatestReadings() {
        public List<FillReading> ofPavilion(String id) {
            int i = Integer.parseInt(id.substring(4));
            return readings.subList(i * 3, i * 3 + 3);
        }

        public Optional<FillReading> ofContainer(String p, String c) {
            return ofPavilion(p).stream().filter(r -> r.containerId().equals(c)).findFirst();
        }
    };

    private final MapController map = new MapController(pavilions,
            new PavilionStates(latest, (pavilion, time) -> pavilion.equals("ptr-0007") ? Optional.of("camera offline")
                    : Optional.empty()));
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void fiveThousandPavilionsAreACompactFeatureCollection() {
        byte[] body = json.writeValueAsBytes(map.pavilions(null, null, null, staff()));
        double perFeature = (double) body.length / PAVILIONS;
        System.out.printf("GeoJSON of %d pavilions: %d bytes, %.0f bytes per feature%n", PAVILIONS, body.length, perFeature);
        assertThat(perFeature).isLessThan(400);

        JsonNode root = json.readTree(body);
        assertThat(root.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(root.path("features")).hasSize(PAVILIONS);
        JsonNode first = root.path("features").get(0);
        assertThat(first.path("type").asString()).isEqualTo("Feature");
        assertThat(first.path("geometry").path("type").asString()).isEqualTo("Point");
        assertThat(first.path("geometry").path("coordinates").get(0).asDouble()).as("longitude first (RFC 7946)")
                .isEqualTo(69.1);
        assertThat(first.path("geometry").path("coordinates").get(1).asDouble()).isEqualTo(54.8);
        // ptr-0000: c1 PARTIAL, c2 FULL, c3 OVERFLOWING -> worst OVERFLOWING
        assertThat(first.path("properties").path("state").asString()).isEqualTo("OVERFLOWING");
        assertThat(first.path("properties").path("counts").path("FULL").asInt()).isEqualTo(1);
        JsonNode blind = root.path("features").get(7).path("properties");
        assertThat(blind.path("state").asString()).as("offline camera").isEqualTo("UNKNOWN");
        assertThat(blind.path("counts").path("UNKNOWN").asInt()).isEqualTo(3);
    }

    @Test
    void filtersAndCarrierScope() {
        assertThat(map.pavilions("District 3", null, null, staff()).features()).hasSize(PAVILIONS / 12 + 1)
                .allMatch(f -> f.properties().district().equals("District 3"));
        assertThat(map.pavilions(null, "carrier-b", "overflowing", staff()).features()).isNotEmpty()
                .allMatch(f -> f.properties().carrier().equals("carrier-b") && f.properties().state() == FillState.OVERFLOWING);
        assertThat(map.pavilions(null, "carrier-b", "empty", staff()).features()).isEmpty();
        var carrierA = UsernamePasswordAuthenticationToken.authenticated("carrier-a", null,
                SecurityConfiguration.authorities(Viewer.Role.CARRIER, "carrier-a"));
        assertThat(map.pavilions(null, null, null, carrierA).features()).hasSize(PAVILIONS / 4)
                .allMatch(f -> f.properties().carrier().equals("carrier-a"));
    }

    private static UsernamePasswordAuthenticationToken staff() {
        return UsernamePasswordAuthenticationToken.authenticated("operator", null,
                SecurityConfiguration.authorities(Viewer.Role.OPERATOR, null));
    }
}
