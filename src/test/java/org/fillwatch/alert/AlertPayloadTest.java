package org.fillwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.fillwatch.incident.Incident;
import org.fillwatch.incident.IncidentStatus;
import org.fillwatch.incident.IncidentType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AlertPayloadTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void openedIncidentAsJson() {
        Incident incident = new Incident(7, "2026-000123", IncidentType.OVERFLOW, IncidentStatus.OPEN, "ptr-001", "c2",
                "carrier-a", "Centre", 96.44, Instant.parse("2026-11-25T10:15:30Z"), null, null,
                Instant.parse("2026-11-25T12:15:30Z"), null, null, null, null);

        JsonNode node = json.readTree(json.writeValueAsBytes(AlertPayload.of("e-1", AlertPayload.OPENED, incident)));

        assertThat(node.propertyNames()).containsExactlyInAnyOrder("eventId", "eventType", "registrationNumber",
                "pavilion", "container", "carrier", "district", "type", "status", "fillPercent", "openedAt",
                "closedAt", "closeReason", "deadline", "acknowledgedAt", "acknowledgedBy", "escalatedAt",
                "timeToPickupSeconds");
        assertThat(node.get("eventId").asString()).isEqualTo("e-1");
        assertThat(node.get("eventType").asString()).isEqualTo("opened");
        assertThat(node.get("registrationNumber").asString()).isEqualTo("2026-000123");
        assertThat(node.get("pavilion").asString()).isEqualTo("ptr-001");
        assertThat(node.get("container").asString()).isEqualTo("c2");
        assertThat(node.get("carrier").asString()).isEqualTo("carrier-a");
        assertThat(node.get("district").asString()).isEqualTo("Centre");
        assertThat(node.get("type").asString()).isEqualTo("OVERFLOW");
        assertThat(node.get("status").asString()).isEqualTo("OPEN");
        assertThat(node.get("fillPercent").asDouble()).isEqualTo(96.4);
        assertThat(node.get("openedAt").asString()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(node.get("closedAt").isNull()).isTrue();
        assertThat(node.get("deadline").asString()).isEqualTo("2026-11-25T12:15:30Z");
        assertThat(node.get("timeToPickupSeconds").isNull()).isTrue();
    }

    @Test
    void closedIncidentCarriesCloseTimeAndReason() {
        Incident incident = new Incident(7, "2026-000124", IncidentType.FULL, IncidentStatus.RESOLVED, "ptr-001", "c1",
                "carrier-b", "North", 88, Instant.parse("2026-11-25T10:15:30Z"), Instant.parse("2026-11-25T12:00:00Z"),
                "emptied", Instant.parse("2026-11-25T14:15:30Z"), Instant.parse("2026-11-25T10:20:00Z"), "crew 7",
                null, 6270L);

        JsonNode node = json.readTree(json.writeValueAsBytes(AlertPayload.of("e-2", AlertPayload.CLOSED, incident)));

        assertThat(node.get("eventType").asString()).isEqualTo("closed");
        assertThat(node.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(node.get("closedAt").asString()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(node.get("closeReason").asString()).isEqualTo("emptied");
        assertThat(node.get("acknowledgedAt").asString()).isEqualTo("2026-11-25T10:20:00Z");
        assertThat(node.get("acknowledgedBy").asString()).isEqualTo("crew 7");
        assertThat(node.get("timeToPickupSeconds").asLong()).isEqualTo(6270);
    }

    @Test
    void idsThatWouldBreakTheTopicTreeAreEscaped() {
        assertThat(AlertPayload.topic("a/b+c#")).isEqualTo("fillwatch/carriers/a_b_c_/incidents");
        assertThat(ContainerStates.topic("ptr-001", "c2")).isEqualTo("fillwatch/containers/ptr-001/c2/state");
    }

    @Test
    void topicNamesTheCarrier() {
        assertThat(AlertPayload.topic("carrier-a")).isEqualTo("fillwatch/carriers/carrier-a/incidents");
    }

    @Test
    void schemaFileDescribesExactlyThePayload() throws Exception {
        JsonNode schema = json.readTree(java.nio.file.Files.readString(
                java.nio.file.Path.of("docs/mqtt/incident-event.schema.json")));
        java.util.List<String> fields = java.util.Arrays.stream(AlertPayload.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        assertThat(schema.path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(schema.path("properties").path("eventType").path("enum")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(AlertPayload.OPENED, AlertPayload.UPDATED, AlertPayload.ESCALATED,
                        AlertPayload.CLOSED);
        assertThat(schema.path("properties").path("type").path("enum")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(IncidentType.values()).map(Enum::name).toList());
        assertThat(schema.path("properties").path("status").path("enum")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(IncidentStatus.values()).map(Enum::name).toList());
        JsonNode state = json.readTree(java.nio.file.Files.readString(
                java.nio.file.Path.of("docs/mqtt/container-state.schema.json")));
        assertThat(state.path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(ContainerStates.State.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName).toList());
        assertThat(state.path("properties").path("state").path("enum")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(org.fillwatch.vision.FillState.values())
                        .map(Enum::name).toList());
    }
}
