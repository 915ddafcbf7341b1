package io.hotpath.collector.ingest;

import static io.hotpath.collector.ingest.ReportRequests.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.FunctionalityChecked;
import org.junit.jupiter.api.Test;

class FunctionalityRequestTest {
  static final String VALID =
      """
      {"service": "checkout", "environment": "staging", "version": "1.4.3",
       "checks": [{"name": "list-orders", "passed": true},
                  {"name": " place-order ", "passed": false,
                   "detail": "POST /orders answered 500"}]}
      """;

  static FunctionalityChecked convert(String json) {
    return ReportRequests.convert(json, FunctionalityRequest.class, FunctionalityChecked.class);
  }

  static void assertRejected(String json, String pointer, String detail) {
    ReportRequests.assertRejected(json, FunctionalityRequest.class, pointer, detail);
  }

  @Test
  void convertsChecksWithTheReceiptTimeWhenNoTimestampWasSent() {
    FunctionalityChecked event = convert(VALID);

    assertThat(event.eventTime()).isEqualTo(NOW);
    assertThat(event.version()).isEqualTo("1.4.3");
    assertThat(event.checks())
        .containsExactly(
            new FunctionalityCheck("list-orders", true, null),
            new FunctionalityCheck("place-order", false, "POST /orders answered 500"));
  }

  @Test
  void requiresPassedOnEveryCheck() {
    assertRejected(
        VALID.replace(", \"passed\": true", ""), "/checks/0/passed", "passed is required");
  }

  @Test
  void refusesAStringForPassed() {
    assertRejected(
        VALID.replace("\"passed\": true", "\"passed\": \"yes\""),
        "/checks/0/passed",
        "passed must be true or false");
  }

  @Test
  void namesEveryMissingIdentityField() {
    String json =
        VALID.replace("\"service\": \"checkout\", ", "").replace("\"version\": \"1.4.3\",", "");
    assertRejected(json, "/service", "service is required");
    assertRejected(json, "/version", "version is required");
  }

  @Test
  void limitsTheDetail() {
    assertRejected(
        VALID.replace("POST /orders answered 500", "x".repeat(5000)),
        "/checks/1/detail",
        "detail must be at most 4096 characters");
  }
}
