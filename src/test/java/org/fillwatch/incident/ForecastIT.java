package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.ServersIT;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A container filling at a steady 10 pp per hour (with reading noise, an occlusion and a single
 * outlier) gets its FORECAST_FULL incident within the carrier's lead time (2 h by default) before
 * it is full, and the same incident becomes FULL when it is.
 */
class ForecastIT extends ServersIT {

    private static final Duration LEAD_TIME = Duration.ofHours(2);

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;

    @Test
    void steadyFillingOpensForecastFullWithinTheLeadTime() throws Exception {
        String carrier = "carrier-forecast-" + ItServers.RUN;
        Pavilion pavilion = pavilions.create(carrier, 1);
        Instant t0 = Instant.parse("2026-11-24T06:00:00Z");
        double[] noise = {0.8, -1.2, 0.3, 1.5, -0.6, -1.4, 0.9, 0.1};
        Instant fullAt = t0.plus(Duration.ofHours(6)); // 20 % + 10 pp/h reaches 80 % after 6 h

        try (MqttInbox inbox = new MqttInbox(ItServers.mqttUrl(), "fillwatch/carriers/" + carrier + "/incidents")) {
            Incident forecast = null;
            for (int i = 0; i * 5 <= 7 * 60; i++) {
                Instant at = t0.plus(Duration.ofMinutes(5L * i));
                double fill = Math.min(100, 20 + 10 * (5.0 * i / 60) + noise[i % noise.length]);
                FillState state = fill >= 80 ? FillState.FULL : FillState.PARTIAL;
                if (i == 20) {
                    fill = 12; // a single misread low outlier
                } else if (i == 25) {
                    fill = 95; // a bag held in front of the camera
                    state = FillState.UNKNOWN;
                }
                events.publishEvent(TestPavilions.frame(pavilion, at, fill, state));
                List<Incident> open = register.list(null, carrier, 5);
                if (forecast == null && !open.isEmpty()) {
                    forecast = open.get(0);
                }
            }
            assertThat(forecast).as("a FORECAST_FULL incident").isNotNull();
            assertThat(forecast.type()).isEqualTo(IncidentType.FORECAST_FULL);
            Duration ahead = Duration.between(forecast.openedAt(), fullAt);
            System.out.printf("ForecastIT: FORECAST_FULL opened at %s, %d min before the container was full%n",
                    forecast.openedAt(), ahead.toMinutes());
            assertThat(ahead).as("within the lead time before full").isLessThanOrEqualTo(LEAD_TIME)
                    .isGreaterThan(LEAD_TIME.minusMinutes(20));
            assertThat(inbox.await("FORECAST_FULL", Duration.ofSeconds(15))).isNotNull()
                    .satisfies(m -> assertThat(m.payload()).contains("\"opened\""));

            // the forecast came true: the same incident, now FULL
            Incident now = register.find(forecast.registrationNumber()).orElseThrow();
            assertThat(now.type()).isEqualTo(IncidentType.FULL);
            assertThat(register.list(null, carrier, 5)).hasSize(1);
            assertThat(inbox.await("\"updated\"", Duration.ofSeconds(15))).isNotNull()
                    .satisfies(m -> assertThat(m.payload()).contains("\"type\":\"FULL\""));
            assertThat(register.history(forecast.registrationNumber())).extracting(HistoryEntry::actor)
                    .containsExactly("forecast", "rules");
        }
    }
}
