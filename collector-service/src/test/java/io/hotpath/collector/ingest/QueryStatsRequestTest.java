package io.hotpath.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryStatsRequestTest {
  static final String VALID =
      """
      {"eventId": "9b2d5c4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
       "service": "checkout", "environment": "prod", "version": "1.4.2",
       "timestamp": "2026-11-26T10:06:00Z",
       "windowStart": "2026-11-26T10:00:00Z", "windowEnd": "2026-11-26T10:05:00Z",
       "queries": [
         {"query": "SELECT * FROM orders WHERE customer_id = $1", "database": "shop",
          "calls": 400, "totalMs": 800.0, "rows": 400, "sequentialScan": true},
         {"query": "UPDATE stock SET n = n - 1 WHERE id = $1", "calls": 0, "totalMs": 0,
          "meanMs": 0, "p95Ms": 0}]}
      """;

  static QueryStatsReported convert(String json) {
    return ReportRequests.convert(json, QueryStatsRequest.class, QueryStatsReported.class);
  }

  static void assertRejected(String json, String pointer, String detail) {
    ReportRequests.assertRejected(json, QueryStatsRequest.class, pointer, detail);
  }

  @Test
  void convertsPgStatStatementsRowsAndDerivesTheMeanWhenMissing() {
    QueryStatsReported event = convert(VALID);

    assertThat(event.eventId()).isEqualTo(UUID.fromString("9b2d5c4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"));
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-26T10:06:00Z"));
    assertThat(event.queries())
        .containsExactly(
            new QueryStats(
                "SELECT * FROM orders WHERE customer_id = $1",
                "shop",
                400,
                800.0,
                2.0,
                null,
                400L,
                true),
            new QueryStats(
                "UPDATE stock SET n = n - 1 WHERE id = $1", null, 0, 0, 0, 0.0, null, null));
  }

  @Test
  void keepsLongStatementsThatNamesCouldNotHave() {
    String longQuery = "SELECT " + "a, ".repeat(1000) + "b FROM t";
    QueryStatsReported event =
        convert(VALID.replace("SELECT * FROM orders WHERE customer_id = $1", longQuery));
    assertThat(event.queries().get(0).query()).isEqualTo(longQuery);
  }

  @Test
  void namesEachBadQueryFieldWithItsPointer() {
    String json =
        VALID
            .replace("\"calls\": 400, ", "")
            .replace("\"totalMs\": 0", "\"totalMs\": -3")
            .replace("\"query\": \"UPDATE", "\"query\": \"  \", \"x\": \"UPDATE");
    assertRejected(json, "/queries/0/calls", "calls is required");
    assertRejected(json, "/queries/1/totalMs", "totalMs must be a finite number, not negative");
    assertRejected(json, "/queries/1/query", "query is required");
  }

  @Test
  void requiresAtLeastOneQuery() {
    assertRejected(
        VALID.substring(0, VALID.indexOf("\"queries\"")) + "\"queries\": null}",
        "/queries",
        "queries is required");
  }

  @Test
  void refusesAnUnparseableWindowStart() {
    assertRejected(
        VALID.replace("\"2026-11-26T10:00:00Z\"", "\"yesterday\""),
        "/windowStart",
        "windowStart must be an ISO-8601 date-time with an offset, e.g. 2026-11-26T10:15:30Z");
  }
}
