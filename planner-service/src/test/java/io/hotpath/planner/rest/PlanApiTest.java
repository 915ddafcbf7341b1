package io.hotpath.planner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.planner.Bottlenecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The plans API over what the planner consumed from the real broker. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class, restrictToAnnotatedClass = false)
class PlanApiTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String DEMO = "hotpath-demo-token";
  private static final String OTHER = "hotpath-other-token";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void produce(BottleneckDetected bottleneck) {
    TopicClient.shared(bootstrap)
        .send(Topics.BOTTLENECKS, PartitionKeys.of(bottleneck), EventJson.write(bottleneck));
  }

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token);
  }

  private static BottleneckDetected slowQuery(String service, String location) {
    return Bottlenecks.of(
        "demo",
        service,
        BottleneckType.SLOW_QUERY,
        Severity.HIGH,
        location,
        new Impact(25000, "ms", "100 calls of 250 ms"),
        "select * from order_line where order_id = ?",
        Map.of("calls", 100.0, "meanMs", 250.0, "seqScan", 1.0),
        List.of());
  }

  private static BottleneckDetected lowCacheMisses(String service) {
    return Bottlenecks.of(
        "demo",
        service,
        BottleneckType.CACHE_MISS_RATE,
        Severity.LOW,
        "cache:prices",
        new Impact(18, "% misses", "hit rate 0.82 on cache:prices"),
        "cache prices misses",
        Map.of("hitRate", 0.82),
        List.of());
  }

  @Test
  void servesABottlenecksPlanToItsTenantOnly() {
    BottleneckDetected nPlusOne = Bottlenecks.nPlusOne("demo", uniqueService(), 10, 12);
    produce(nPlusOne);
    String path = "/api/v1/plans/" + nPlusOne.fingerprint();

    Awaitility.await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                as(DEMO)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("bottleneckFingerprint", equalTo(nPlusOne.fingerprint()))
                    .body("strategy.playbookId", equalTo("n-plus-one-batch-load"))
                    .body("strategy.expectedImprovement.value", equalTo(108.0f))
                    .body("rollback.method", equalTo("KUBERNETES_ROLLOUT_UNDO"))
                    .body("rank", equalTo(1)));
    as(OTHER)
        .get(path)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:hotpath:problem:plan-not-found"))
        .body("detail", containsString("in your tenant"));
  }

  @Test
  void servesAServicesOrderedPlansWithTheirDependencyGraph() {
    String service = uniqueService();
    BottleneckDetected query = slowQuery(service, "query:9f2c1a");
    BottleneckDetected nPlusOne =
        Bottlenecks.again(Bottlenecks.nPlusOne("demo", service, 10, 12), Severity.CRITICAL, 120);
    produce(query);
    produce(nPlusOne);
    String path = "/api/v1/services/" + service + "/plan";

    Awaitility.await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                as(DEMO)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("service", equalTo(service))
                    .body(
                        "plans.bottleneckFingerprint",
                        contains(nPlusOne.fingerprint(), query.fingerprint()))
                    .body("plans.rank", contains(1, 2))
                    .body("graph.nodes.type", contains("N_PLUS_ONE", "SLOW_QUERY"))
                    .body("graph.edges[0].reasons", contains("same query:9f2c1a"))
                    .body("graph.cycles", org.hamcrest.Matchers.empty()));
    String first = as(DEMO).get(path).then().extract().path("plans[0].planId");
    as(DEMO).get(path).then().body("plans[1].dependsOn", contains(first));
    as(OTHER).get(path).then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void reportsCoverageWithGapsAndJustifiedDeferrals() {
    String service = uniqueService();
    BottleneckDetected gap = Bottlenecks.unmeasuredNPlusOne("demo", service);
    BottleneckDetected deferred = lowCacheMisses(service);
    BottleneckDetected planned = slowQuery(service, "query:aaaa");
    produce(gap);
    produce(deferred);
    produce(planned);
    String path = "/api/v1/services/" + service + "/coverage";

    Awaitility.await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                as(DEMO)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("complete", equalTo(false))
                    .body("planned", equalTo(1))
                    .body("deferred", equalTo(1))
                    .body("gaps", equalTo(1))
                    .body("bySeverity.CRITICAL.gaps", equalTo(1))
                    .body("bottlenecks.status", contains("GAP", "PLANNED", "DEFERRED"))
                    .body("bottlenecks[0].reason", equalTo("missing-evidence"))
                    .body("bottlenecks[2].justification", containsString("cache:prices"))
                    .body(
                        "bottlenecks[2].impactOfNotFixing",
                        equalTo("hit rate 0.82 on cache:prices")));
    given()
        .get("/q/metrics")
        .then()
        .body(
            containsString(
                "hotpath_planner_coverage_gaps_total{reason=\"missing-evidence\",severity=\"CRITICAL\",type=\"N_PLUS_ONE\"}"));
  }

  @Test
  void refusesACallWithoutAValidTokenAsAProblem() {
    given()
        .get("/api/v1/services/checkout/plan")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("type", equalTo("urn:hotpath:problem:unauthorized"));
    as("not-a-token").get("/api/v1/services/checkout/coverage").then().statusCode(401);
  }

  @Test
  void answersAnUnknownServiceOrPathWith404Problems() {
    as(DEMO)
        .get("/api/v1/services/no-such-service/coverage")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:hotpath:problem:service-not-found"));
    as(DEMO)
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void documentsTheApiInOpenApi() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body(
            "paths.keySet()",
            hasItems(
                "/api/v1/plans/{fingerprint}",
                "/api/v1/services/{service}/plan",
                "/api/v1/services/{service}/coverage"));
  }
}
