package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.MqttOut;
import org.fillwatch.testing.ServersIT;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The register's whole life of one incident on PostgreSQL and Mosquitto: noise opens nothing, a
 * real fill-up opens one, the carrier acknowledges it over MQTT (bad acks are ignored and counted),
 * the deadline check escalates it at a chosen time (no sleeping until the deadline), and the
 * emptying resolves it with its time to pickup; every step is in the history and on the topics.
 */
class IncidentLifecycleIT extends ServersIT {

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;
    @Autowired DeadlineCheck deadlineCheck;
    @Autowired @Qualifier("mqttHealthIndicator") HealthIndicator mqttHealth;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant t0 = Instant.parse("2026-11-25T06:00:00Z");
    private int minute;

    @Test
    void noiseOpensNothingFillUpOpensAckEscalateAndEmptyingResolves() throws Exception {
        String carrier = "carrier-life-" + ItServers.RUN;
        Pavilion pavilion = pavilions.create(carrier, 1);
        String incidents = "fillwatch/carriers/" + carrier + "/incidents";

        try (MqttInbox carrierInbox = new MqttInbox(ItServers.mqttUrl(), incidents);
             MqttInbox operators = new MqttInbox(ItServers.mqttUrl(), "fillwatch/operators/escalations");
             MqttOut carrierOut = new MqttOut(ItServers.mqttUrl())) {

            // occlusions (UNKNOWN, whatever their fill), single outliers, readings between the thresholds
            feed(pavilion, 40, FillState.PARTIAL);
            feed(pavilion, 97, FillState.UNKNOWN);
            feed(pavilion, 95, FillState.FULL);
            feed(pavilion, 0, FillState.UNKNOWN);
            feed(pavilion, 45, FillState.PARTIAL);
            feed(pavilion, 92, FillState.FULL);
            feed(pavilion, 90, FillState.FULL);
            feed(pavilion, 100, FillState.UNKNOWN);
            feed(pavilion, 50, FillState.PARTIAL);
            feed(pavilion, 100, FillState.OVERFLOWING);
            feed(pavilion, 60, FillState.PARTIAL);
            assertThat(register.list(null, carrier, 10)).as("no incident from noise").isEmpty();

            // a real fill-up, with an occlusion in it that neither breaks nor extends the streak
            feed(pavilion, 82, FillState.FULL);
            feed(pavilion, 85, FillState.FULL);
            feed(pavilion, 10, FillState.UNKNOWN);
            Instant openedAt = feed(pavilion, 88, FillState.FULL);
            List<Incident> open = register.list(null, carrier, 10);
            assertThat(open).hasSize(1);
            Incident incident = open.get(0);
            String number = incident.registrationNumber();
            assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
            assertThat(incident.openedAt()).isEqualTo(openedAt);
            assertThat(incident.deadline()).as("default FULL deadline 4h").isEqualTo(openedAt.plus(Duration.ofHours(4)));
            assertThat(event(carrierInbox, number, "opened")).isNotNull();

            // acks: not JSON, unknown number, another carrier's topic: ignored; then the real one
            long ignoredBefore = acks("acksIgnored");
            carrierOut.send("fillwatch/carriers/" + carrier + "/acks", "this is not json {");
            carrierOut.send("fillwatch/carriers/" + carrier + "/acks", "{\"registrationNumber\":\"1999-999999\"}");
            carrierOut.send("fillwatch/carriers/other-" + ItServers.RUN + "/acks",
                    "{\"registrationNumber\":\"" + number + "\"}");
            carrierOut.send("fillwatch/carriers/" + carrier + "/acks", "{\"nothing\":1}");
            await(() -> acks("acksIgnored") >= ignoredBefore + 4, "4 bad acks counted");
            assertThat(register.find(number).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);
            carrierOut.send("fillwatch/carriers/" + carrier + "/acks",
                    "{\"registrationNumber\":\"" + number + "\",\"by\":\"crew 7\"}");
            await(() -> register.find(number).orElseThrow().status() == IncidentStatus.ACKNOWLEDGED, "acknowledged");
            assertThat(register.find(number).orElseThrow().acknowledgedBy()).isEqualTo("crew 7");
            JsonNode updated = event(carrierInbox, number, "updated");
            assertThat(updated.path("status").asString()).isEqualTo("ACKNOWLEDGED");

            // just before the deadline nothing happens; just after it the incident escalates
            deadlineCheck.escalateDue(incident.deadline().minusSeconds(1));
            assertThat(register.find(number).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
            assertThat(deadlineCheck.escalateDue(incident.deadline().plusSeconds(1))).isPositive();
            Incident escalated = register.find(number).orElseThrow();
            assertThat(escalated.status()).isEqualTo(IncidentStatus.ESCALATED);
            assertThat(escalated.escalatedAt()).isEqualTo(incident.deadline().plusSeconds(1));
            JsonNode toCarrier = event(carrierInbox, number, "escalated");
            MqttInbox.Message toOperators = operators.await(pavilion.id(), Duration.ofSeconds(15));
            assertThat(toOperators).as("escalation on the operators' topic").isNotNull();
            assertThat(json.readTree(toOperators.payload()).path("eventId").asString())
                    .isEqualTo(toCarrier.path("eventId").asString());
            assertThat(deadlineCheck.escalateDue(incident.deadline().plusSeconds(60)))
                    .as("an escalated incident is not escalated twice").isZero();

            // emptied: three readings at or below 30 % (hysteresis: 50 % neither keeps nor closes)
            feed(pavilion, 50, FillState.PARTIAL);
            feed(pavilion, 20, FillState.EMPTY);
            feed(pavilion, 12, FillState.EMPTY);
            Instant emptiedAt = feed(pavilion, 8, FillState.EMPTY);
            Incident resolved = register.find(number).orElseThrow();
            assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(resolved.closeReason()).isEqualTo("emptied");
            assertThat(resolved.closedAt()).isEqualTo(emptiedAt);
            assertThat(resolved.timeToPickupSeconds()).isEqualTo(Duration.between(openedAt, emptiedAt).toSeconds());
            JsonNode closed = event(carrierInbox, number, "closed");
            assertThat(closed.path("timeToPickupSeconds").asLong()).isEqualTo(resolved.timeToPickupSeconds());

            assertThat(register.history(number)).extracting(HistoryEntry::action, HistoryEntry::actor, HistoryEntry::to)
                    .containsExactly(
                            tuple("OPENED", "rules", IncidentStatus.OPEN),
                            tuple("ACKNOWLEDGED", "carrier:" + carrier,
                                    IncidentStatus.ACKNOWLEDGED),
                            tuple("ESCALATED", "deadline-check", IncidentStatus.ESCALATED),
                            tuple("RESOLVED", "rules", IncidentStatus.RESOLVED));
            assertThat(register.history(number).get(0).at()).isEqualTo(openedAt);
            assertThat(register.list(null, carrier, 10)).hasSize(1);
        }
    }

    /** One reading of c1 a minute after the previous one; returns its time. */
    private Instant feed(Pavilion pavilion, double fill, FillState state) {
        Instant at = t0.plusSeconds(60L * minute++);
        events.publishEvent(TestPavilions.frame(pavilion, at, fill, state));
        return at;
    }

    private JsonNode event(MqttInbox inbox, String number, String eventType) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            MqttInbox.Message m = inbox.await(number, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m != null && json.readTree(m.payload()).path("eventType").asString().equals(eventType)) {
                return json.readTree(m.payload());
            }
        }
        throw new AssertionError("no " + eventType + " event for " + number);
    }

    private long acks(String detail) {
        Object value = mqttHealth.health().getDetails().get(detail);
        return ((Number) value).longValue();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
