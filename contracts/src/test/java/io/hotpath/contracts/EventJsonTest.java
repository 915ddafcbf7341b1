package io.hotpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.json.InvalidEventException;
import io.hotpath.contracts.telemetry.StartupReported;
import io.hotpath.contracts.telemetry.TelemetryReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

  static Stream<HotpathEvent> events() {
    return SampleEvents.all().stream();
  }

  @Test
  void samplesCoverEveryEventRecord() {
    assertThat(SampleEvents.all())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactlyInAnyOrder(
            "ProfileCaptured",
            "SpansReceived",
            "MetricsReceived",
            "StartupReported",
            "EndpointStatsReported",
            "QueryStatsReported",
            "ResourcesSampled",
            "FunctionalityChecked",
            "DeploymentRecorded",
            "BottleneckDetected",
            "PlanProposed",
            "BottleneckStatusChanged",
            "RollbackRequested",
            "RollbackCompleted");
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventRoundTripsUnchanged(HotpathEvent event) {
    String json = EventJson.write(event);

    assertThat(EventJson.read(json, event.getClass())).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventWritesTheCommonHeader(HotpathEvent event) throws Exception {
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));

    assertThat(json.fieldNames())
        .toIterable()
        .contains(
            "eventId", "schemaVersion", "tenant", "service", "environment", "version", "eventTime");
    assertThat(json.get("eventTime").asText()).isEqualTo("2026-11-26T10:15:30.123Z");
  }

  @ParameterizedTest
  @MethodSource("events")
  void unknownFieldsFromANewerProducerAreIgnored(HotpathEvent event) throws Exception {
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
    json.put("addedInSchemaVersion2", "whatever");
    json.putObject("nestedNewThing").put("x", 1);

    assertThat(EventJson.read(json.toString(), event.getClass())).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("events")
  void missingEventIdIsRejectedByName(HotpathEvent event) throws Exception {
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
    json.remove("eventId");

    assertThatThrownBy(() -> EventJson.read(json.toString(), event.getClass()))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("eventId is required");
  }

  @Test
  void everyHeaderFieldIsRequired() throws Exception {
    HotpathEvent event = SampleEvents.all().get(3);
    for (String field :
        List.of("tenant", "service", "environment", "version", "eventTime", "schemaVersion")) {
      ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
      json.remove(field);

      assertThatThrownBy(() -> EventJson.read(json.toString(), StartupReported.class))
          .as(field)
          .isInstanceOf(InvalidEventException.class)
          .hasMessageContaining(field + " is required");
    }
  }

  @Test
  void missingNestedFieldIsRejectedWithItsPath() throws Exception {
    ObjectNode json =
        (ObjectNode) EventJson.mapper().readTree(EventJson.write(SampleEvents.all().get(3)));
    ((ObjectNode) json.withArray("phases").get(1)).remove("name");

    assertThatThrownBy(() -> EventJson.read(json.toString(), StartupReported.class))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e).hasMessageContaining("name is required");
              assertThat(e.pointer()).isEqualTo("/phases/1");
            });
  }

  @Test
  void missingTypeSpecificFieldIsRejectedByName() throws Exception {
    ObjectNode json =
        (ObjectNode) EventJson.mapper().readTree(EventJson.write(SampleEvents.all().get(9)));
    json.remove("fingerprint");

    assertThatThrownBy(() -> EventJson.read(json.toString(), BottleneckDetected.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("fingerprint is required");
  }

  @Test
  void reportsAreReadThroughTheirKind() {
    HotpathEvent startup = SampleEvents.all().get(3);
    String json = EventJson.write((TelemetryReport) startup);

    assertThat(json).contains("\"kind\":\"startup\"");
    assertThat(EventJson.read(json, TelemetryReport.class)).isEqualTo(startup);
  }

  @Test
  void unknownReportKindIsRejected() {
    assertThatThrownBy(
            () ->
                EventJson.read("{\"kind\":\"horoscope\",\"eventId\":\"x\"}", TelemetryReport.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("horoscope");
  }

  @Test
  void malformedJsonIsRejected() {
    assertThatThrownBy(() -> EventJson.read("{\"eventId\": ", StartupReported.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("StartupReported: ");
  }
}
