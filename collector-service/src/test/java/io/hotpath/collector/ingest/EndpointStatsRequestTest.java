package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.ReportRequests.NEW_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndpointStatsRequestTest {
  static final String VALID =
      """
      {"service": "checkout", "environment": "prod", "version": "1.4.2", "tenant": "other",
       "windowStart": "2026-11-26T10:00:00Z", "windowEnd": "2026-11-26T10:05:00Z",
       "endpoints": [
         {"route": "/orders/{id}", "method": "GET", "requests": 100, "errors": 2,
          "timeouts": 1, "p50Ms": 10.0, "p95Ms": 90.5, "p99Ms": 200.0},
         {"route": "/orders", "requests": 0, "p50Ms": 0, "p95Ms": 0, "p99Ms": 0}]}
      """;

  static EndpointStatsReported convert(String json) {
    return ReportRequests.convert(json, EndpointStatsRequest.class, EndpointStatsReported.class);
  }

  static void assertRejected(String json, String pointer, String detail) {
    ReportRequests.assertRejected(json, EndpointStatsRequest.class, pointer, detail);
  }

  @Test
  void convertsAReportWithTheTenantFromTheTokenAndTheWindowEndAsEventTime() {
    EndpointStatsReported event = convert(VALID);

    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.eventId()).isEqualTo(NEW_ID);
    assertThat(event.windowStart()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    assertThat(event.windowEnd()).isEqualTo(Instant.parse("2026-11-26T10:05:00Z"));
    assertThat(event.eventTime()).isEqualTo(event.windowEnd());
    assertThat(event.endpoints())
        .containsExactly(
            new EndpointStats("/orders/{id}", "GET", 100, 2, 1, 10.0, 90.5, 200.0),
            new EndpointStats("/orders", null, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void requiresTheWindowAndAtLeastOneEndpoint() {
    String json =
        """
        {"service": "checkout", "environment": "prod", "version": "1", "endpoints": []}
        """;
    assertRejected(json, "/windowStart", "windowStart is required");
    assertRejected(json, "/windowEnd", "windowEnd is required");
    assertRejected(json, "/endpoints", "endpoints must list at least one endpoint");
  }

  @Test
  void refusesAWindowThatEndsBeforeItStarts() {
    assertRejected(
        VALID.replace("10:05:00Z", "09:55:00Z"),
        "/windowEnd",
        "windowEnd must not be before windowStart");
  }

  @Test
  void namesEachBadEndpointFieldWithItsPointer() {
    String json =
        VALID
            .replace("\"route\": \"/orders\", ", "")
            .replace("\"errors\": 2", "\"errors\": 200")
            .replace("\"p99Ms\": 200.0", "\"p99Ms\": 50.0")
            .replace("\"requests\": 0", "\"requests\": -1");
    assertRejected(json, "/endpoints/1/route", "route is required");
    assertRejected(json, "/endpoints/1/requests", "requests must not be negative");
    assertRejected(json, "/endpoints/0/errors", "errors must not exceed requests");
    assertRejected(json, "/endpoints/0/p99Ms", "p99Ms must not be below p95Ms");
  }

  @Test
  void requiresThePercentiles() {
    assertRejected(
        VALID.replace(", \"p95Ms\": 90.5", ""), "/endpoints/0/p95Ms", "p95Ms is required");
  }

  @Test
  void refusesAQuotedNumberWithItsPointer() {
    assertRejected(
        VALID.replace("\"requests\": 100", "\"requests\": \"100\""),
        "/endpoints/0/requests",
        "requests must be an integer");
  }
}
