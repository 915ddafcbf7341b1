package io.hotpath.tracker.baseline;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupReported;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.TrackerTestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Measured baselines from telemetry reports on the real broker and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class MeasuredBaselineApiTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private void produce(HotpathEvent event) {
    TrackerTestSupport.produce(bootstrap, Topics.TELEMETRY_REPORTS, event);
  }

  private static JsonPath baselines(String token, String service, String version, int status) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("version", version)
        .get("/api/v1/services/" + service + "/baselines")
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  private JsonPath awaitBaseline(String service, String version, Predicate<JsonPath> until) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> baselines(DEMO_TOKEN, service, version, 200), until);
  }

  @Test
  void computesTheBaselineOfAVersionFromItsReports() {
    String service = uniqueService();
    produce(Telemetry.start("demo", service, "1.0.0", StartType.COLD, 2300, 4000L, 300.0));
    produce(Telemetry.start("demo", service, "1.0.0", StartType.COLD, 1700, 3000L, 320.0));
    produce(Telemetry.start("demo", service, "1.0.0", StartType.WARM, 500, null, null));
    // Two windows of one route: 100 requests at p95 100 ms, 300 at p95 140 ms.
    produce(
        Telemetry.window(
            "demo",
            service,
            "1.0.0",
            0,
            Telemetry.route("get", "/orders/{id}", 100, 2, 40, 100, 200)));
    produce(
        Telemetry.window(
            "demo",
            service,
            "1.0.0",
            1,
            Telemetry.route("GET", "/orders/{id}", 300, 6, 60, 140, 300)));
    produce(
        Telemetry.resources(
            "demo",
            service,
            "1.0.0",
            Telemetry.sample(0, 20, 200, 100, 400, 4),
            Telemetry.sample(60, 40, 220, 110, 420, 8)));
    produce(
        Telemetry.checks(
            "demo",
            service,
            "1.0.0",
            new FunctionalityCheck("checkout", true, null),
            new FunctionalityCheck("login", false, "HTTP 500")));

    JsonPath b = awaitBaseline(service, "1.0.0", p -> p.getLong("[0].reports") == 7);

    assertThat(b.getString("[0].environment")).isEqualTo("prod");
    assertThat(b.getString("[0].version")).isEqualTo("1.0.0");
    // Cold starts: time to ready 4000 and 3000; the warm start has none, so its phases: 500+200.
    assertThat(b.getDouble("[0].startup.coldStartMs")).isEqualTo(3500.0);
    assertThat(b.getDouble("[0].startup.warmStartMs")).isEqualTo(700.0);
    assertThat(b.getDouble("[0].startup.timeToReadyMs")).isEqualTo(3500.0);
    assertThat(b.getDouble("[0].startup.startupMemoryMb")).isEqualTo(310.0);
    assertThat(b.getDouble("[0].startup.phasesMs.hibernate-bootstrap")).isEqualTo(1500.0);
    assertThat(b.getLong("[0].startup.coldStarts")).isEqualTo(2);
    String route = "[0].endpoints.'GET /orders/{id}'";
    assertThat(b.getLong(route + ".requests")).isEqualTo(400);
    assertThat(b.getLong(route + ".windows")).isEqualTo(2);
    // Request-weighted: (100*100 + 300*140) / 400 = 130; (100*40 + 300*60) / 400 = 55.
    assertThat(b.getDouble(route + ".p95Ms")).isEqualTo(130.0);
    assertThat(b.getDouble(route + ".p50Ms")).isEqualTo(55.0);
    assertThat(b.getDouble(route + ".p99Ms")).isEqualTo(275.0);
    assertThat(b.getDouble(route + ".errorRate")).isEqualTo(0.02);
    // 400 requests over two 60 s windows.
    assertThat(b.getDouble(route + ".throughputPerSecond")).isEqualTo(3.333);
    assertThat(b.getDouble("[0].resources.cpuPercent")).isEqualTo(30.0);
    assertThat(b.getDouble("[0].resources.cpuPercentMax")).isEqualTo(40.0);
    assertThat(b.getDouble("[0].resources.rssMb")).isEqualTo(410.0);
    assertThat(b.getDouble("[0].resources.heapUsedMb")).isEqualTo(210.0);
    // heap after GC 100 -> 110 MB over one hour.
    assertThat(b.getDouble("[0].resources.heapGrowthMbPerHour")).isEqualTo(10.0);
    assertThat(b.getDouble("[0].resources.dbConnectionsActive")).isEqualTo(6.0);
    assertThat(b.getInt("[0].resources.dbConnectionsActiveMax")).isEqualTo(8);
    assertThat(b.getBoolean("[0].functionality.checkout.lastPassed")).isTrue();
    assertThat(b.getBoolean("[0].functionality.login.lastPassed")).isFalse();
    assertThat(b.getString("[0].functionality.login.lastDetail")).isEqualTo("HTTP 500");
    assertThat(b.getLong("[0].contributions.startupReports")).isEqualTo(3);
    assertThat(b.getLong("[0].contributions.endpointWindows")).isEqualTo(2);
  }

  @Test
  void theSameReportTwiceContributesOnce() {
    String service = uniqueService();
    StartupReported start =
        Telemetry.start("demo", service, "2.0.0", StartType.COLD, 1000, 2000L, 100.0);
    produce(start);
    produce(start);
    // Same key, same partition: once this one counts, both copies of the first were handled.
    produce(Telemetry.start("demo", service, "2.0.0", StartType.COLD, 2000, 4000L, 200.0));

    JsonPath b =
        awaitBaseline(service, "2.0.0", p -> p.getLong("[0].contributions.startupReports") >= 2);

    assertThat(b.getLong("[0].contributions.startupReports")).isEqualTo(2);
    assertThat(b.getLong("[0].reports")).isEqualTo(2);
    assertThat(b.getDouble("[0].startup.coldStartMs")).isEqualTo(3000.0);
  }

  @Test
  void anotherTenantNeverSeesTheBaseline() {
    String service = uniqueService();
    produce(Telemetry.start("demo", service, "3.0.0", StartType.COLD, 1000, 2000L, 100.0));
    awaitBaseline(service, "3.0.0", p -> p.getLong("[0].reports") == 1);

    JsonPath problem = baselines(OTHER_TOKEN, service, "3.0.0", 404);

    assertThat(problem.getString("type")).endsWith("no-measured-baseline");
    baselines(DEMO_TOKEN, service, "9.9.9", 404);
  }

  @Test
  void theGateBaselineDefaultsToTheMeasuredBaselineOfAVersion() {
    String service = uniqueService();
    produce(Telemetry.start("demo", service, "4.0.0", StartType.COLD, 1000, 2500L, 300.0));
    produce(
        Telemetry.resources("demo", service, "4.0.0", Telemetry.sample(0, 20, 200, 100, 450, 4)));
    produce(
        Telemetry.window(
            "demo", service, "4.0.0", 0, Telemetry.route("GET", "/cart", 50, 0, 10, 80, 90)));
    awaitBaseline(service, "4.0.0", p -> p.getLong("[0].reports") == 3);

    JsonPath set =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .contentType(ContentType.JSON)
            .body(Map.of("version", "4.0.0", "actor", "alice", "bottlenecks", List.of()))
            .put("/api/v1/services/" + service + "/baseline")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(set.getString("source")).isEqualTo("MEASURED");
    assertThat(set.getDouble("startupMs")).isEqualTo(2500.0);
    assertThat(set.getDouble("memoryMb")).isEqualTo(450.0);
    assertThat(set.getDouble("endpoints.'GET /cart'")).isEqualTo(80.0);
    JsonPath problem =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .contentType(ContentType.JSON)
            .body(Map.of("version", "4.1.0"))
            .put("/api/v1/services/" + service + "/baseline")
            .then()
            .statusCode(409)
            .extract()
            .jsonPath();
    assertThat(problem.getString("type")).endsWith("no-measured-baseline");
  }

  @Test
  void sendsAnUnreadableReportToTheDeadLetterTopicAndTakesTheNextOne() {
    String service = uniqueService();
    String poison = "{\"kind\":\"startup\",\"tenant\":\"demo\",\"service\":\"" + service + "\"}";
    TopicClient.shared(bootstrap).send(Topics.TELEMETRY_REPORTS, "demo/" + service, poison);
    produce(Telemetry.start("demo", service, "5.0.0", StartType.COLD, 1000, 2000L, 100.0));

    ConsumerRecord<String, String> dead =
        TopicClient.shared(bootstrap)
            .await(
                Topics.deadLetter(Topics.TELEMETRY_REPORTS),
                record -> poison.equals(record.value()),
                TIMEOUT);

    assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
    assertThat(
            awaitBaseline(service, "5.0.0", p -> p.getLong("[0].reports") == 1)
                .getLong("[0].reports"))
        .isEqualTo(1);
  }

  @Test
  void sendsAnUnreadableDeploymentToItsDeadLetterTopic() {
    String poison = "not a deployment " + uniqueService();

    TopicClient.shared(bootstrap).send(Topics.DEPLOYMENTS, "demo/x", poison);

    assertThat(
            TopicClient.shared(bootstrap)
                .await(
                    Topics.deadLetter(Topics.DEPLOYMENTS),
                    record -> poison.equals(record.value()),
                    TIMEOUT)
                .headers()
                .lastHeader("dead-letter-reason"))
        .isNotNull();
  }
}
