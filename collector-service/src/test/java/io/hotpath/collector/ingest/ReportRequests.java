package io.hotpath.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.telemetry.TelemetryReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Reads a report body the way the collector does, for the request records' unit tests. */
final class ReportRequests {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final UUID NEW_ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

  private ReportRequests() {}

  static <E extends TelemetryReport> E convert(
      String json, Class<? extends ReportRequest> type, Class<E> eventType) {
    return eventType.cast(
        IngestJson.read(json.getBytes(StandardCharsets.UTF_8), type).toEvent("demo", NOW, NEW_ID));
  }

  /** The body is refused, with (among others) this violation. */
  static void assertRejected(
      String json, Class<? extends ReportRequest> type, String pointer, String detail) {
    assertThatThrownBy(
            () ->
                IngestJson.read(json.getBytes(StandardCharsets.UTF_8), type)
                    .toEvent("demo", NOW, NEW_ID))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations()).contains(new Violation(pointer, detail)));
  }
}
