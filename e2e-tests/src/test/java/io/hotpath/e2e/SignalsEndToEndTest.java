package io.hotpath.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Telemetry as agents send it, through the packaged services as processes: an OTLP trace with an
 * N+1 and Pyroscope CPU profiles become tracked, planned bottlenecks whose plans promise what the
 * evidence says, and a bottleneck moves through its lifecycle with an audit trail.
 */
@ExtendWith(HotpathCluster.class)
class SignalsEndToEndTest {
  private static final Duration PIPELINE = Duration.ofSeconds(60);
  private static HotpathCluster cluster;

  @BeforeAll
  static void connect() {
    cluster = HotpathCluster.get();
  }

  @Test
  void otlpTraceWithAnNPlusOneBecomesAPlannedNPlusOne() {
    String service = "orders-" + UUID.randomUUID().toString().substring(0, 8);

    given()
        .auth()
        .oauth2(HotpathCluster.TOKEN)
        .contentType(ContentType.JSON)
        .body(tracesWithNPlusOne(service, 8, 15))
        .post(cluster.url("collector") + "/v1/traces")
        .then()
        .statusCode(200);

    Map<String, Object> row = awaitRow(service, "N_PLUS_ONE");
    assertThat((String) row.get("location"))
        .startsWith("get /orders/{id} -> query:")
        .as("the statement normalized: the literal line numbers collapsed");
    Map<String, Object> plan = asMap(row.get("plan"));
    // Eight queries of 15 ms collapse into one round-trip: 120 - 15 ms saved.
    assertThat(((Number) asMap(plan.get("expectedImprovement")).get("value")).doubleValue())
        .isEqualTo(105.0);
  }

  @Test
  void cpuProfilesBecomeAPlannedHotspotAtTheHotFrame() {
    String service = "search-" + UUID.randomUUID().toString().substring(0, 8);

    // Two uploads: a hotspot is published once it was seen on two profiles.
    postProfile(service, 180, 30);
    postProfile(service, 196, 24);

    Map<String, Object> row =
        awaitRow(
            service,
            "CPU_HOTSPOT",
            r -> "frame:io.search.Ranker.levenshtein".equals(r.get("location")));
    assertThat(row).containsEntry("severity", "CRITICAL");
    assertThat(((Number) asMap(row.get("impact")).get("value")).doubleValue())
        .as("self share of the hot frame over both profiles: 376 of 600 samples")
        .isCloseTo(62.67, org.assertj.core.data.Offset.offset(0.01));
    assertThat(asMap(row.get("plan")).get("approach")).asString().isNotBlank();
  }

  @Test
  void aBottleneckMovesThroughItsLifecycleWithAnAuditTrail() {
    String service = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .oauth2(HotpathCluster.TOKEN)
        .contentType(ContentType.JSON)
        .body(tracesWithNPlusOne(service, 6, 20))
        .post(cluster.url("collector") + "/v1/traces")
        .then()
        .statusCode(200);
    String humanId = (String) awaitRow(service, "N_PLUS_ONE").get("humanId");

    given()
        .auth()
        .oauth2(HotpathCluster.TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("to", "IN_PROGRESS", "actor", "dana", "reason", "batch-loading the items"))
        .post(cluster.url("tracker") + "/api/v1/bottlenecks/" + humanId + "/transitions")
        .then()
        .statusCode(200);
    // Completion comes from a validation, never by hand.
    given()
        .auth()
        .oauth2(HotpathCluster.TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("to", "COMPLETED", "actor", "dana", "reason", "done, trust me"))
        .post(cluster.url("tracker") + "/api/v1/bottlenecks/" + humanId + "/transitions")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");

    List<Map<String, Object>> history =
        given()
            .auth()
            .oauth2(HotpathCluster.TOKEN)
            .get(cluster.url("tracker") + "/api/v1/bottlenecks/" + humanId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(1))
        .containsEntry("from", "NOT_STARTED")
        .containsEntry("to", "IN_PROGRESS")
        .containsEntry("actor", "dana")
        .containsEntry("reason", "batch-loading the items");
  }

  /** One trace: GET /orders/{id}, one query for the order, then {@code n} item queries. */
  static String tracesWithNPlusOne(String service, int n, int queryMs) {
    String trace = UUID.randomUUID().toString().replace("-", "");
    long now = System.currentTimeMillis() * 1_000_000L;
    long ms = 1_000_000L;
    List<String> spans = new ArrayList<>();
    String root = "00000000000000a1";
    long start = now - 1_000 * ms;
    spans.add(
        span(
            trace,
            root,
            null,
            "GET /orders/{id}",
            2,
            start,
            start + (n * (queryMs + 2) + 10) * ms,
            "{\"key\": \"http.route\", \"value\": {\"stringValue\": \"/orders/{id}\"}},"
                + " {\"key\": \"http.request.method\", \"value\": {\"stringValue\": \"GET\"}}"));
    long t = start + 2 * ms;
    spans.add(
        span(
            trace,
            "00000000000000b0",
            root,
            "SELECT orders",
            3,
            t,
            t + 2 * ms,
            db("select id from orders where id = 42")));
    t += 4 * ms;
    for (int i = 1; i <= n; i++) {
      spans.add(
          span(
              trace,
              String.format("00000000000000c%x", i),
              root,
              "SELECT order_items",
              3,
              t,
              t + queryMs * ms,
              db("select sku from order_items where order_id = 42 and line = " + i)));
      t += (queryMs + 2) * ms;
    }
    return """
        {"resourceSpans": [{"resource": {"attributes": [
          {"key": "service.name", "value": {"stringValue": "%s"}},
          {"key": "service.version", "value": {"stringValue": "1.0.0"}},
          {"key": "deployment.environment.name", "value": {"stringValue": "e2e"}}]},
          "scopeSpans": [{"spans": [%s]}]}]}
        """
        .formatted(service, String.join(",", spans));
  }

  static String db(String statement) {
    return "{\"key\": \"db.system.name\", \"value\": {\"stringValue\": \"postgresql\"}},"
        + " {\"key\": \"db.query.text\", \"value\": {\"stringValue\": \""
        + statement
        + "\"}}";
  }

  static String span(
      String trace,
      String id,
      String parent,
      String name,
      int kind,
      long start,
      long end,
      String attributes) {
    return """
        {"traceId": "%s", "spanId": "%s", %s"name": "%s", "kind": %d,
         "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "attributes": [%s]}
        """
        .formatted(
            trace,
            id,
            parent == null ? "" : "\"parentSpanId\": \"" + parent + "\", ",
            name,
            kind,
            start,
            end,
            attributes);
  }

  static void postProfile(String service, int hot, int score) {
    String folded =
        "java.lang.Thread.run;io.search.Handler.handle;io.search.Ranker.score;"
            + "io.search.Ranker.levenshtein "
            + hot
            + "\njava.lang.Thread.run;io.search.Handler.handle;io.search.Ranker.score "
            + score
            + "\njava.lang.Thread.run;io.search.Handler.handle;io.search.Json.write "
            + (300 - hot - score - 40)
            + "\njava.lang.Thread.run;io.search.Repository.findAll 40\n";
    given()
        .auth()
        .preemptive()
        .basic("pyroscope", HotpathCluster.TOKEN)
        .contentType("text/plain")
        .body(folded)
        .queryParam("name", service + ".cpu{env=e2e,version=1.0.0}")
        .urlEncodingEnabled(true)
        .post(cluster.url("collector") + "/ingest")
        .then()
        .statusCode(200);
  }

  static Map<String, Object> awaitRow(String service, String type) {
    return awaitRow(service, type, r -> true);
  }

  static Map<String, Object> awaitRow(
      String service, String type, java.util.function.Predicate<Map<String, Object>> which) {
    return await("a planned " + type + " of " + service + " in the tracker")
        .atMost(PIPELINE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                rows(service).stream()
                    .filter(r -> type.equals(r.get("type")))
                    .filter(which)
                    .filter(r -> r.get("plan") != null)
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  static List<Map<String, Object>> rows(String service) {
    return given()
        .auth()
        .oauth2(HotpathCluster.TOKEN)
        .queryParam("service", service)
        .get(cluster.url("tracker") + "/api/v1/bottlenecks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
