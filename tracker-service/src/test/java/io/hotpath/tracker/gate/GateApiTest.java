package io.hotpath.tracker.gate;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.service.MatrixUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Baselines and the CI gate over HTTP, and the gate command, on the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class GateApiTest {
  private static final Path GATE_COMMAND = Path.of("..", "bin", "hotpath-gate");

  @Inject MatrixUpdates updates;
  @Inject BottleneckRepository bottlenecks;

  @TestHTTPResource("/")
  URL root;

  private static Map<String, Object> measured(
      String version, double startupMs, double memoryMb, Map<String, Double> endpoints) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("startupMs", startupMs);
    body.put("memoryMb", memoryMb);
    body.put("endpoints", endpoints);
    return body;
  }

  private static Map<String, Object> baselineFigures() {
    Map<String, Object> body =
        measured("1.4.2", 2000, 500, Map.of("GET /orders/{id}", 100.0, "GET /cart", 50.0));
    body.put("bottlenecks", List.of());
    return body;
  }

  private static ValidatableResponse put(String token, String service, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/services/" + service + "/baseline")
        .then();
  }

  private static ValidatableResponse gate(String token, String service, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/services/" + service + "/gate")
        .then();
  }

  private BottleneckDetected tracked(String service) throws Throwable {
    BottleneckDetected event = Events.slowStartup("demo", service, 2300);
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetection(event));
    return event;
  }

  private String humanIdOf(BottleneckDetected event) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () ->
                    bottlenecks
                        .findByFingerprint("demo", event.fingerprint())
                        .map(TrackedBottleneck::humanId)));
  }

  @Test
  void failsACandidateThatRegressedWithTheNumbersInTheReasons() {
    String service = uniqueService();
    put(DEMO_TOKEN, service, baselineFigures()).statusCode(200);

    JsonPath answer =
        gate(
                DEMO_TOKEN,
                service,
                measured("1.5.0", 2500, 590, Map.of("GET /orders/{id}", 151.0, "GET /cart", 40.0)))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("verdict")).isEqualTo("fail");
    assertThat(answer.getString("version")).isEqualTo("1.5.0");
    assertThat(answer.getString("baselineVersion")).isEqualTo("1.4.2");
    assertThat(answer.getList("reasons", String.class))
        .containsExactly(
            "startup 2500 ms is 1.25 x the baseline 2000 ms of 1.4.2; it must stay below 1.2 x"
                + " (2400 ms)",
            "endpoint GET /orders/{id} p95 151 ms is 1.51 x the baseline 100 ms of 1.4.2; it must"
                + " stay below 1.5 x (150 ms)");
    assertThat(answer.getList("checks.check", String.class))
        .containsExactly("startup", "memory", "endpoint GET /cart", "endpoint GET /orders/{id}");
    assertThat(answer.getList("checks.pass", Boolean.class))
        .containsExactly(false, true, true, false);
    assertThat(answer.getDouble("checks[0].ratio")).isEqualTo(1.25);
    assertThat(answer.getBoolean("promoted")).isFalse();
  }

  @Test
  void passesACandidateWithinTheLimitsAndPromotesItWhenAsked() {
    String service = uniqueService();
    put(DEMO_TOKEN, service, baselineFigures()).statusCode(200);
    Map<String, Object> candidate =
        measured("1.5.0", 2390, 599, Map.of("GET /orders/{id}", 149.0, "GET /cart", 50.0));
    candidate.put("promote", true);
    candidate.put("actor", "ci/main#812");

    gate(DEMO_TOKEN, service, candidate)
        .statusCode(200)
        .body("verdict", equalTo("pass"))
        .body("reasons", org.hamcrest.Matchers.empty())
        .body("promoted", equalTo(true));

    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .get("/api/v1/services/" + service + "/baseline")
        .then()
        .statusCode(200)
        .body("version", equalTo("1.5.0"))
        .body("startupMs", equalTo(2390.0f))
        .body("source", equalTo("GATE"))
        .body("setBy", equalTo("ci/main#812"));
  }

  @Test
  void failsOnABottleneckTheBaselineDidNotKnowNamingItsHumanId() throws Throwable {
    String service = uniqueService();
    BottleneckDetected known = tracked(service);
    Map<String, Object> baseline = baselineFigures();
    baseline.remove("bottlenecks");
    // Without a list, the baseline knows what the tracker has of the service now.
    put(DEMO_TOKEN, service, baseline)
        .statusCode(200)
        .body("bottlenecks", contains(known.fingerprint()));
    BottleneckDetected fresh = Events.elsewhere(known, "startup-phase:cache-warmup", Severity.HIGH);
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetection(fresh));
    Map<String, Object> candidate = measured("1.5.0", 2000, 500, Map.of());
    candidate.put("bottlenecks", List.of(known.fingerprint(), fresh.fingerprint()));

    JsonPath answer = gate(DEMO_TOKEN, service, candidate).statusCode(200).extract().jsonPath();

    assertThat(answer.getString("verdict")).isEqualTo("fail");
    assertThat(answer.getList("reasons", String.class))
        .containsExactly(
            "new bottleneck "
                + humanIdOf(fresh)
                + " (HIGH SLOW_STARTUP at startup-phase:cache-warmup), not known at the baseline"
                + " 1.4.2");
    assertThat(answer.getList("newBottlenecks", String.class)).containsExactly(fresh.fingerprint());
  }

  @Test
  void takesTheBottlenecksTheTrackerSawInTheCandidateVersionWhenNoneAreGiven() throws Throwable {
    String service = uniqueService();
    Map<String, Object> baseline = measured("1.4.1", 2000, 500, Map.of());
    baseline.put("bottlenecks", List.of());
    put(DEMO_TOKEN, service, baseline).statusCode(200);
    // Seen by the analyzer in 1.4.2 (the version of the test events).
    BottleneckDetected seen = tracked(service);

    JsonPath inThatVersion =
        gate(DEMO_TOKEN, service, measured("1.4.2", 2000, 500, Map.of()))
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath inAnother =
        gate(DEMO_TOKEN, service, measured("1.5.0", 2000, 500, Map.of()))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(inThatVersion.getString("verdict")).isEqualTo("fail");
    assertThat(inThatVersion.getList("newBottlenecks", String.class))
        .containsExactly(seen.fingerprint());
    assertThat(inAnother.getString("verdict")).isEqualTo("pass");
  }

  @Test
  void keepsEveryGateAnswerForTheAuditNewestFirst() {
    String service = uniqueService();
    put(DEMO_TOKEN, service, baselineFigures()).statusCode(200);
    Map<String, Object> failing = measured("1.5.0", 2000, 700, Map.of());
    failing.put("actor", "ci/pr-17");
    long failed =
        gate(DEMO_TOKEN, service, failing).statusCode(200).extract().jsonPath().getLong("runId");
    long passed =
        gate(DEMO_TOKEN, service, measured("1.5.1", 2000, 500, Map.of()))
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("runId");

    JsonPath runs =
        given()
            .auth()
            .oauth2(DEMO_TOKEN)
            .get("/api/v1/services/" + service + "/gate-runs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(runs.getList("runId", Long.class)).containsExactly(passed, failed);
    assertThat(runs.getList("verdict", String.class)).containsExactly("pass", "fail");
    assertThat(runs.getList("version", String.class)).containsExactly("1.5.1", "1.5.0");
    assertThat(runs.getString("[1].actor")).isEqualTo("ci/pr-17");
    assertThat(runs.getList("[1].reasons", String.class))
        .containsExactly(
            "memory 700 MB is 1.4 x the baseline 500 MB of 1.4.2; it must stay below 1.2 x"
                + " (600 MB)");
    assertThat(
            given()
                .auth()
                .oauth2(OTHER_TOKEN)
                .get("/api/v1/services/" + service + "/gate-runs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(""))
        .isEmpty();
  }

  @Test
  void answers409WithoutABaseline() {
    gate(DEMO_TOKEN, uniqueService(), measured("1.5.0", 2000, 500, Map.of()))
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("type", equalTo("urn:hotpath:problem:no-baseline"));
  }

  @Test
  void refusesMeasurementsWithoutVersionStartupOrMemoryWith400() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("startupMs", -1);
    body.put("endpoints", Map.of("GET /a", 0));
    gate(DEMO_TOKEN, uniqueService(), body)
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body(
            "errors.pointer",
            contains("/version", "/startupMs", "/memoryMb", "/endpoints/GET ~1a"));
  }

  @Test
  void keepsEachTenantsBaselineToItself() {
    String service = uniqueService();
    put(DEMO_TOKEN, service, baselineFigures()).statusCode(200);

    given()
        .auth()
        .oauth2(OTHER_TOKEN)
        .get("/api/v1/services/" + service + "/baseline")
        .then()
        .statusCode(404);
    gate(OTHER_TOKEN, service, measured("1.5.0", 2000, 500, Map.of())).statusCode(409);
    put(OTHER_TOKEN, service, measured("9.9.9", 1, 1, Map.of())).statusCode(200);

    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .get("/api/v1/services/" + service + "/baseline")
        .then()
        .statusCode(200)
        .body("version", equalTo("1.4.2"));
    given().get("/api/v1/services/" + service + "/baseline").then().statusCode(401);
  }

  @Test
  void theGateCommandExitsZeroOnPassAndOneOnFail() throws Exception {
    String service = uniqueService();
    put(DEMO_TOKEN, service, baselineFigures()).statusCode(200);

    Run pass =
        runGate(
            service,
            "{\"version\":\"1.5.0\",\"startupMs\":2100,\"memoryMb\":510,"
                + "\"endpoints\":{\"GET /orders/{id}\":110}}",
            DEMO_TOKEN);
    Run fail =
        runGate(service, "{\"version\":\"1.5.1\",\"startupMs\":2100,\"memoryMb\":700}", DEMO_TOKEN);
    Run unauthorized = runGate(service, "{\"version\":\"1.5.1\"}", "not-a-token");

    assertThat(pass.exit()).as(pass.output()).isZero();
    assertThat(pass.output()).contains("gate pass");
    assertThat(fail.exit()).as(fail.output()).isEqualTo(1);
    assertThat(fail.output())
        .contains(
            "memory 700 MB is 1.4 x the baseline 500 MB of 1.4.2; it must stay below 1.2 x"
                + " (600 MB)");
    assertThat(unauthorized.exit()).isEqualTo(2);
    assertThat(unauthorized.output()).contains("HTTP 401");
  }

  private record Run(int exit, String output) {}

  private Run runGate(String service, String json, String token)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("measurements", ".json");
    try {
      Files.writeString(file, json);
      ProcessBuilder builder =
          new ProcessBuilder("bash", GATE_COMMAND.toString(), service, file.toString())
              .redirectErrorStream(true);
      builder.environment().put("HOTPATH_URL", root.toString());
      builder.environment().put("HOTPATH_TOKEN", token);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Run(process.exitValue(), output);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Tenant {@code other} keeps startup below 1.1 x in the gate, its service {@code gate-lenient}
   * below 1.3 x (application.properties, %test): the same candidate, 1.15 x the baseline's startup,
   * fails for one and passes for the other.
   */
  @Test
  void aServicesOwnGateRatioWinsOverItsTenants() {
    String strict = uniqueService();
    String lenient = "gate-lenient";
    Map<String, Object> candidate = measured("1.5.0", 2300, 500, Map.of());
    candidate.put("bottlenecks", List.of());
    for (String service : List.of(strict, lenient)) {
      put(OTHER_TOKEN, service, baselineFigures()).statusCode(200);
    }

    gate(OTHER_TOKEN, strict, candidate)
        .statusCode(200)
        .body("verdict", equalTo("fail"))
        .body(
            "reasons",
            contains(
                "startup 2300 ms is 1.15 x the baseline 2000 ms of 1.4.2; it must stay below"
                    + " 1.1 x (2200 ms)"))
        .body("checks[0].limit", equalTo(1.1f));
    gate(OTHER_TOKEN, lenient, candidate)
        .statusCode(200)
        .body("verdict", equalTo("pass"))
        .body("checks[0].limit", equalTo(1.3f));
  }
}
