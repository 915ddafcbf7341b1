package io.hotpath.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class StartupReportRequestTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final UUID NEW_ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

  static StartupReported convert(String json) {
    return IngestJson.read(json.getBytes(StandardCharsets.UTF_8), StartupReportRequest.class)
        .toEvent("demo", NOW, NEW_ID);
  }

  static void assertRejected(String json, String pointer, String detail) {
    ThrowingCallable call = () -> convert(json);
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations()).contains(new Violation(pointer, detail)));
  }

  @Test
  void convertsAFullReportToTheEventWithTheTenantFromTheToken() {
    StartupReported event =
        convert(
            """
            {"eventId": "0f8fad5b-d9cb-469f-a165-70867728950e", "service": " checkout ",
             "environment": "prod", "version": "1.4.2", "instance": "pod-1",
             "timestamp": "2026-11-26T10:15:30+01:00", "startType": "COLD",
             "phases": [{"name": "hibernate-bootstrap", "durationMs": 2300},
                        {"name": "class-loading", "durationMs": 0}],
             "timeToReadyMs": 4200, "startupMemoryMb": 312.5, "tenant": "someone-else"}
            """);

    assertThat(event.eventId()).isEqualTo(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
    assertThat(event.schemaVersion()).isEqualTo(Events.SCHEMA_VERSION);
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.service()).isEqualTo("checkout");
    assertThat(event.environment()).isEqualTo("prod");
    assertThat(event.version()).isEqualTo("1.4.2");
    assertThat(event.instance()).isEqualTo("pod-1");
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-26T09:15:30Z"));
    assertThat(event.startType()).isEqualTo(StartType.COLD);
    assertThat(event.phases())
        .containsExactly(
            new StartupPhase("hibernate-bootstrap", 2300), new StartupPhase("class-loading", 0));
    assertThat(event.timeToReadyMs()).isEqualTo(4200L);
    assertThat(event.startupMemoryMb()).isEqualTo(312.5);
  }

  @Test
  void fillsInTheEventIdAndTimeWhenTheAgentSentNone() {
    StartupReported event =
        convert(
            """
            {"service": "checkout", "environment": "prod", "version": "1", "startType": "WARM",
             "phases": [{"name": "boot", "durationMs": 10}]}
            """);

    assertThat(event.eventId()).isEqualTo(NEW_ID);
    assertThat(event.eventTime()).isEqualTo(NOW);
    assertThat(event.instance()).isNull();
    assertThat(event.timeToReadyMs()).isNull();
    assertThat(event.startupMemoryMb()).isNull();
  }

  @Test
  void namesEveryMissingFieldWithItsPointer() {
    ThrowingCallable call = () -> convert("{\"phases\": [{\"durationMs\": 5}]}");

    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation("/service", "service is required"),
                        new Violation("/environment", "environment is required"),
                        new Violation("/version", "version is required"),
                        new Violation("/startType", "startType is required"),
                        new Violation("/phases/0/name", "name is required")))
        .hasMessageContaining("service is required (at /service)");
  }

  @Test
  void rejectsReportWithoutPhases() {
    assertRejected(
        "{\"service\": \"s\", \"environment\": \"e\", \"version\": \"v\", \"startType\": \"COLD\"}",
        "/phases",
        "phases is required");
    assertRejected(
        "{\"service\": \"s\", \"environment\": \"e\", \"version\": \"v\", \"startType\": \"COLD\","
            + " \"phases\": []}",
        "/phases",
        "phases must list at least one phase");
  }

  @Test
  void rejectsNegativeDuration() {
    assertRejected(
        valid().replace("\"durationMs\": 2300", "\"durationMs\": -1"),
        "/phases/0/durationMs",
        "durationMs must not be negative");
  }

  @Test
  void rejectsMissingDurationInsteadOfTakingZero() {
    assertRejected(
        valid().replace(", \"durationMs\": 2300", ""),
        "/phases/0/durationMs",
        "durationMs is required");
  }

  @Test
  void rejectsUnknownStartTypeListingTheKnownOnes() {
    assertRejected(
        valid().replace("\"COLD\"", "\"LUKEWARM\""),
        "/startType",
        "startType must be one of COLD, WARM");
  }

  @Test
  void rejectsWrongTypesWithoutCoercingThem() {
    assertRejected(
        valid().replace("\"durationMs\": 2300", "\"durationMs\": \"2300\""),
        "/phases/0/durationMs",
        "durationMs must be an integer");
    assertRejected(
        valid().replace("\"durationMs\": 2300", "\"durationMs\": 23.5"),
        "/phases/0/durationMs",
        "durationMs must be an integer");
    assertRejected(valid().replace("\"checkout\"", "42"), "/service", "service must be a string");
    assertRejected(
        valid().replace("\"phases\": [", "\"phases\": {\"x\": ").replace("}]", "}}"),
        "/phases",
        "phases must be an array");
    assertRejected(
        valid().replace("\"COLD\"", "0"), "/startType", "startType must be one of COLD, WARM");
  }

  @Test
  void rejectsAnEventIdThatIsNotAUuid() {
    assertRejected(
        valid().replace("{", "{\"eventId\": \"abc\", "),
        "/eventId",
        "eventId must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e");
  }

  @Test
  void rejectsATimestampWithoutOffset() {
    assertRejected(
        valid().replace("{", "{\"timestamp\": \"2026-11-26T10:15:30\", "),
        "/timestamp",
        "timestamp must be an ISO-8601 date-time with an offset, e.g. 2026-11-26T10:15:30Z");
  }

  @Test
  void rejectsNegativeOptionalMeasurements() {
    assertRejected(
        valid().replace("{", "{\"timeToReadyMs\": -5, "),
        "/timeToReadyMs",
        "timeToReadyMs must not be negative");
    assertRejected(
        valid().replace("{", "{\"startupMemoryMb\": -0.5, "),
        "/startupMemoryMb",
        "startupMemoryMb must be a finite number, not negative");
  }

  @Test
  void rejectsBlankNames() {
    assertRejected(
        valid().replace("\"prod\"", "\"  \""), "/environment", "environment is required");
    assertRejected(
        valid().replace("\"hibernate-bootstrap\"", "\"\""), "/phases/0/name", "name is required");
  }

  @Test
  void rejectsANullPhase() {
    assertRejected(
        valid().replace("\"phases\": [", "\"phases\": [null, "),
        "/phases/0",
        "phases[0] must be an object");
  }

  @Test
  void rejectsBodiesThatAreNotOneJsonObject() {
    assertRejected("", "", "body is empty; expected a JSON object");
    assertRejected("null", "", "body must be a JSON object");
    assertRejected("[1, 2]", "", "body must be a JSON object");
    assertThatThrownBy(() -> convert(valid() + " {}"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations().get(0).detail())
                    .startsWith("body has content after the JSON object"));
  }

  @Test
  void rejectsBrokenJsonSayingWhere() {
    assertThatThrownBy(() -> convert("{\"service\": \"checkout\",\n \"version\" 1}"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.violations()).hasSize(1);
              Violation violation = e.violations().get(0);
              assertThat(violation.pointer()).isEmpty();
              assertThat(violation.detail())
                  .startsWith("body is not valid JSON")
                  .contains("line 2");
            });
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> convert(valid().replace("{", "{\"service\": \"other\", ")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Duplicate field 'service'");
  }

  static String valid() {
    return """
        {"service": "checkout", "environment": "prod", "version": "1.4.2", "startType": "COLD",
         "phases": [{"name": "hibernate-bootstrap", "durationMs": 2300}]}
        """;
  }
}
