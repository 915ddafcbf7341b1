package io.hotpath.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hotpath.contracts.Topics;
import io.hotpath.localstack.kafka.TopicClient;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation's promise, checked on the packaged services as separate processes against one real
 * Kafka broker and one real PostgreSQL: a startup report posted to the collector becomes a tracked,
 * planned bottleneck, exactly once, and bad input never reaches Kafka.
 */
@ExtendWith(HotpathCluster.class)
class PipelineEndToEndTest {
  private static final Duration PIPELINE = Duration.ofSeconds(60);
  private static HotpathCluster cluster;
  private static TopicClient kafka;

  @BeforeAll
  static void connect() {
    cluster = HotpathCluster.get();
    kafka = new TopicClient(cluster.bootstrapServers());
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  @Test
  void startupReportWithASlowPhaseBecomesATrackedPlannedBottleneck() {
    String service = uniqueService("checkout");

    postStartupReport(UUID.randomUUID(), service, 2300).then().statusCode(202);

    Map<String, Object> row = awaitSingleRow(service, true);
    assertThat(row)
        .containsEntry("type", "SLOW_STARTUP")
        .containsEntry("severity", "HIGH")
        .containsEntry("status", "NOT_STARTED")
        .containsEntry("location", "startup-phase:hibernate-bootstrap");
    assertThat((String) row.get("humanId")).matches("BTLNK-\\d{3,}");
    Map<String, Object> plan = asMap(row.get("plan"));
    assertThat(asMap(plan.get("rollback")))
        .containsEntry("method", "FEATURE_FLAG")
        .containsEntry("automated", true);
    assertThat(((Number) asMap(plan.get("expectedImprovement")).get("value")).doubleValue())
        .as("a 2300 ms phase against the 1000 ms goal")
        .isEqualTo(1300.0);
  }

  @Test
  void theSameReportPostedTwiceGivesOneBottleneckAndOneHistoryEntry() throws Exception {
    String service = uniqueService("catalog");
    UUID eventId = UUID.randomUUID();

    postStartupReport(eventId, service, 4100).then().statusCode(202);
    postStartupReport(eventId, service, 4100).then().statusCode(202);
    awaitSingleRow(service, true);
    awaitPipelineDrained();

    List<Map<String, Object>> rows = rows(service);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("occurrences", 1);
    String humanId = (String) rows.get(0).get("humanId");
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
    assertThat(history).hasSize(1);
    assertThat(history.get(0)).containsEntry("to", "NOT_STARTED");
  }

  @Test
  void malformedReportGets400ProblemAndNothingReachesKafka() {
    long before = kafka.endOffsetSum(Topics.TELEMETRY_REPORTS);

    given()
        .auth()
        .oauth2(HotpathCluster.TOKEN)
        .contentType(ContentType.JSON)
        .body(
            """
            {"service": "%s", "environment": "e2e", "version": "1.0.0", "startType": "COLD"}
            """
                .formatted(uniqueService("broken")))
        .post(cluster.url("collector") + "/api/v1/reports/startup")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("detail", containsString("phases"));

    assertThat(kafka.endOffsetSum(Topics.TELEMETRY_REPORTS)).isEqualTo(before);
  }

  @Test
  void anotherTenantNeverSeesTheBottleneck() {
    String service = uniqueService("payments");
    postStartupReport(UUID.randomUUID(), service, 1800).then().statusCode(202);
    awaitSingleRow(service, false);

    List<Object> seenByOther =
        given()
            .auth()
            .oauth2(HotpathCluster.OTHER_TOKEN)
            .queryParam("service", service)
            .get(cluster.url("tracker") + "/api/v1/bottlenecks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    assertThat(seenByOther).isEmpty();
  }

  @Test
  void everyServiceIsReadyAndServesMetricsAndOpenApi() {
    for (String service : HotpathCluster.SERVICES) {
      String url = cluster.url(service);
      given().get(url + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
      given().get(url + "/q/metrics").then().statusCode(200).body(containsString("jvm_"));
      given().get(url + "/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }
  }

  private static String uniqueService(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static io.restassured.response.Response postStartupReport(
      UUID eventId, String service, long slowPhaseMs) {
    return given()
        .auth()
        .oauth2(HotpathCluster.TOKEN)
        .contentType(ContentType.JSON)
        .body(
            """
            {"eventId": "%s", "service": "%s", "environment": "e2e", "version": "1.0.0",
             "startType": "COLD",
             "phases": [{"name": "config", "durationMs": 120},
                        {"name": "Hibernate-Bootstrap", "durationMs": %d}],
             "timeToReadyMs": %d, "startupMemoryMb": 240.5}
            """
                .formatted(eventId, service, slowPhaseMs, slowPhaseMs + 400))
        .post(cluster.url("collector") + "/api/v1/reports/startup");
  }

  private static List<Map<String, Object>> rows(String service) {
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

  private static Map<String, Object> awaitSingleRow(String service, boolean withPlan) {
    await("the bottleneck of " + service + " in the tracker")
        .atMost(PIPELINE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<Map<String, Object>> rows = rows(service);
              return rows.size() == 1 && (!withPlan || rows.get(0).get("plan") != null);
            });
    return rows(service).get(0);
  }

  /** Waits until every consumer of the pipeline committed everything written so far. */
  private static void awaitPipelineDrained() {
    await("every consumer caught up")
        .atMost(PIPELINE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                kafka.lag("hotpath-analyzer", Topics.TELEMETRY_REPORTS) == 0
                    && kafka.lag("hotpath-planner", Topics.BOTTLENECKS) == 0
                    && kafka.lag("hotpath-tracker", Topics.BOTTLENECKS) == 0
                    && kafka.lag("hotpath-tracker", Topics.PLANS) == 0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
