package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fillwatch.reading.FillReading;
import org.fillwatch.reading.ReadingsRecorded;
import org.fillwatch.testing.ItServers;
import org.fillwatch.timeseries.FillTrends.DistrictFill;
import org.fillwatch.timeseries.FillTrends.OverflowHours;
import org.fillwatch.vision.FillState;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every InfluxQL query of the provisioned Grafana dashboard runs on the real InfluxDB (Grafana's
 * macros replaced as Grafana would), and the key panels show the same figures as the trends API.
 */
class GrafanaDashboardIT {

    private static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/fill-levels.json");
    private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofDays(9));

    private final String database = "fillwatch_grafana_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private InfluxFillStore store;
    private InfluxDB influx;

    @BeforeEach
    void readings() throws Exception {
        store = new InfluxFillStore(new TimeseriesProperties.Influx(ItServers.influxUrl(), database, null, null, null,
                500, Duration.ofMillis(200), new TimeseriesProperties.Buffer(10_000,
                        java.nio.file.Files.createTempDirectory("influx-spill"),
                        org.springframework.util.unit.DataSize.ofMegabytes(16))),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        List<FillReading> readings = FillTrendsContract.readings();
        for (int i = 0; i < readings.size(); i += 6) {
            store.on(new ReadingsRecorded(readings.subList(i, Math.min(readings.size(), i + 6))));
        }
        influx = InfluxDBFactory.connect(ItServers.influxUrl());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count() < readings.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count()).isEqualTo(readings.size());
    }

    private long count() {
        var series = influx.query(new Query("SELECT count(fill_pct) FROM fill_level", database))
                .getResults().get(0).getSeries();
        return series == null ? 0 : ((Number) series.get(0).getValues().get(0).get(1)).longValue();
    }

    @AfterEach
    void drop() {
        store.close();
        influx.query(new Query("DROP DATABASE \"" + database + "\""));
        influx.close();
    }

    /** The panel's query with Grafana's macros replaced: the time range, a 1 h interval, every pavilion. */
    private QueryResult run(String influxQl) {
        String query = influxQl.replace("$timeFilter", "time >= '" + FROM + "' AND time < '" + TO + "'")
                .replace("$__interval", "1h").replace("/^$pavilion$/", "/.*/");
        QueryResult result = influx.query(new Query(query, database));
        assertThat(result.getError()).as(query).isNull();
        assertThat(result.getResults().get(0).getError()).as(query).isNull();
        assertThat(result.getResults().get(0).getSeries()).as(query).isNotEmpty();
        return result;
    }

    @Test
    void everyPanelQueryRunsAndTheKeyPanelsAgreeWithTheApi() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        Map<String, QueryResult> byTitle = new TreeMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                byTitle.put(panel.path("title").asString(), run(target.path("query").asString()));
            }
        }
        assertThat(byTitle).containsKeys("Average fill by district (usable readings)", "Overflow hours per district",
                "Average fill by hour of day");

        InfluxFillTrends trends = new InfluxFillTrends(store);
        Map<String, Double> panelFill = new TreeMap<>();
        byTitle.get("Average fill by district (usable readings)").getResults().get(0).getSeries().forEach(s ->
                panelFill.put(s.getTags().get("district"), ((Number) s.getValues().get(0).get(1)).doubleValue()));
        List<DistrictFill> apiFill = trends.fillByDistrict(FROM, TO);
        assertThat(panelFill).hasSize(apiFill.size());
        apiFill.forEach(d -> assertThat(panelFill.get(d.district())).as(d.district())
                .isCloseTo(d.averageFillPercent(), within(1e-6)));

        // the bar gauge reduces each district's series by "count": one row per overflow hour
        Map<String, Integer> panelHours = new TreeMap<>();
        byTitle.get("Overflow hours per district").getResults().get(0).getSeries().forEach(s ->
                panelHours.put(s.getTags().get("district"), s.getValues().size()));
        List<OverflowHours> apiHours = trends.overflowHours(FROM, TO);
        assertThat(panelHours).hasSize(apiHours.size());
        apiHours.forEach(h -> assertThat(panelHours.get(h.district())).as(h.district()).isEqualTo((int) h.hours()));

        List<Object> hourly = new ArrayList<>();
        byTitle.get("Average fill by hour of day").getResults().get(0).getSeries().get(0).getValues()
                .forEach(row -> hourly.add(row.get(1)));
        assertThat(hourly).as("one mean per hour of the 9 days").hasSize(9 * 24);
    }
}
