package io.hotpath.tracker.validation;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.deployment.DeploymentRecorded;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.tracking.BottleneckStatusChanged;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.TrackerTestSupport;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.service.Validations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Deployments carrying a fix, validated against the previous version's measured baseline, on the
 * real broker and PostgreSQL: COMPLETED with the measured improvement, or FAILED with the numbers
 * and a rollback command when the plan's rollback is automated.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class ValidationPipelineTest {
  private static final String BEFORE = "1.4.2";
  private static final String AFTER = "1.5.0";
  private static final String ROUTE = "GET /orders/{id}";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject OutboxRepository outbox;
  @Inject Validations validations;

  private void produce(String topic, HotpathEvent event) {
    TrackerTestSupport.produce(bootstrap, topic, event);
  }

  /** A tracked slow hibernate-bootstrap phase of a new service, with its plan; its human id. */
  private String trackedWithPlan(String service, boolean automatedRollback) {
    BottleneckDetected bottleneck = Events.slowStartup("demo", service, 2300);
    produce(Topics.BOTTLENECKS, bottleneck);
    produce(
        Topics.PLANS,
        Telemetry.withAutomatedRollback(Events.planFor(bottleneck), automatedRollback));
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () -> matrixOf(DEMO_TOKEN, service),
            page -> page.getList("items").size() == 1 && page.get("items[0].plan") != null)
        .getString("items[0].humanId");
  }

  /** The previous version: hibernate-bootstrap 2300 ms, p95 100 ms, RSS 400 MB, checks pass. */
  private void baselineOfPreviousVersion(String service) {
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.start("demo", service, BEFORE, StartType.COLD, 2300, 4000L, 300.0));
    for (int minute = 0; minute < 3; minute++) {
      produce(
          Topics.TELEMETRY_REPORTS,
          Telemetry.window(
              "demo",
              service,
              BEFORE,
              minute,
              Telemetry.route("GET", "/orders/{id}", 100, 0, 40, 100, 200)));
    }
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.resources("demo", service, BEFORE, Telemetry.sample(0, 30, 200, 100, 400, 4)));
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.checks("demo", service, BEFORE, new FunctionalityCheck("checkout", true, null)));
    Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(DEMO_TOKEN)
                    .queryParam("version", BEFORE)
                    .get("/api/v1/services/" + service + "/baselines")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("[0].reports"),
            reports -> reports == 6);
  }

  /** The new version's telemetry: one start and three windows at these figures. */
  private void newVersion(String service, long hibernateMs, long timeToReadyMs, double p95) {
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.start("demo", service, AFTER, StartType.COLD, hibernateMs, timeToReadyMs, 280.0));
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.resources("demo", service, AFTER, Telemetry.sample(0, 28, 190, 95, 380, 4)));
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.checks("demo", service, AFTER, new FunctionalityCheck("checkout", true, null)));
    for (int minute = 0; minute < 3; minute++) {
      produce(
          Topics.TELEMETRY_REPORTS,
          Telemetry.window(
              "demo",
              service,
              AFTER,
              minute,
              Telemetry.route("GET", "/orders/{id}", 100, 0, 40, p95, 200)));
    }
  }

  private static JsonPath awaitStatus(String humanId, String status) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> detail(DEMO_TOKEN, humanId), d -> status.equals(d.getString("status")));
  }

  @Test
  void completesAFixThatImprovedItsPhaseWithTheMeasuredImprovement() {
    String service = uniqueService();
    String id = trackedWithPlan(service, true);
    baselineOfPreviousVersion(service);

    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, BEFORE, id));
    newVersion(service, 900, 2600, 110);
    JsonPath d = awaitStatus(id, "COMPLETED");

    assertThat(d.getString("actualImprovement.metric"))
        .isEqualTo("startup phase hibernate-bootstrap");
    assertThat(d.getDouble("actualImprovement.before")).isEqualTo(2300.0);
    assertThat(d.getDouble("actualImprovement.after")).isEqualTo(900.0);
    assertThat(d.getDouble("actualImprovement.delta")).isEqualTo(1400.0);
    assertThat(d.getDouble("actualImprovement.percent")).isEqualTo(60.87);
    assertThat(d.getString("actualImprovement.unit")).isEqualTo("ms");
    List<String> actors = d.getList("history.actor");
    assertThat(actors).containsExactly("analyzer", "deployment", "validation");
    assertThat(d.getString("history[1].from")).isEqualTo("NOT_STARTED");
    assertThat(d.getString("history[1].to")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].from")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].to")).isEqualTo("COMPLETED");
    assertThat(d.getString("history[2].reason"))
        .isEqualTo(
            "validated 1.5.0 against 1.4.2: startup phase hibernate-bootstrap 2300 -> 900 ms"
                + " (-60.87 %)");
    assertThat(d.getString("validations[0].status")).isEqualTo("PASSED");
    assertThat(d.getList("validations[0].reasons")).isEmpty();
    assertThat(d.getList("validations[0].notes", String.class))
        .containsExactly(
            "the plan's target for startup.phase.duration.ms[startup-phase:hibernate-bootstrap]"
                + " is <= 1000: 900 ms meets it");
    assertThat(d.getList("validations[0].checks.check"))
        .containsExactly("startup (cold start)", "memory (RSS)", "endpoint " + ROUTE + " p95");
    assertThat(d.getList("validations[0].checks.pass")).containsOnly(true);
    assertThat(d.getDouble("validations[0].checks[0].ratio")).isEqualTo(0.65);
    assertThat(matrixOf(DEMO_TOKEN, service).getDouble("items[0].actualImprovement.delta"))
        .isEqualTo(1400.0);
    assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
        .contains("hotpath_tracker_validations_total{verdict=\"PASSED\"}");
    assertThat(
            TopicClient.shared(bootstrap)
                .readToEnd(Topics.STATUS_CHANGES, PartitionKeys.of("demo", service))
                .stream()
                .map(r -> EventJson.read(r.value(), BottleneckStatusChanged.class))
                .filter(e -> "validation".equals(e.actor()))
                .map(e -> e.to().name()))
        .contains("COMPLETED");
  }

  @Test
  void failsAFixThatSlowedAnEndpointAndRequestsItsAutomatedRollback() throws Throwable {
    String service = uniqueService();
    String id = trackedWithPlan(service, true);
    baselineOfPreviousVersion(service);

    DeploymentRecorded deployment = Telemetry.deployment("demo", service, AFTER, BEFORE, id);
    produce(Topics.DEPLOYMENTS, deployment);
    newVersion(service, 900, 2600, 200);
    JsonPath d = awaitStatus(id, "FAILED");

    String reason =
        "endpoint GET /orders/{id} p95 200 ms is 2 x the baseline 100 ms of 1.4.2;"
            + " at most 1.5 x (150 ms) is allowed";
    assertThat(d.getList("validations[0].reasons")).containsExactly(reason);
    assertThat(d.getString("validations[0].status")).isEqualTo("FAILED");
    assertThat(d.getString("history[2].actor")).isEqualTo("validation");
    assertThat(d.getString("history[2].reason"))
        .isEqualTo("validation of 1.5.0 against 1.4.2 failed: " + reason);
    assertThat(d.getMap("actualImprovement")).isNull();
    String rollbackEventId = d.getString("validations[0].rollbackEventId");
    assertThat(rollbackEventId).isNotNull();

    ConsumerRecord<String, String> record =
        TopicClient.shared(bootstrap)
            .await(Topics.ROLLBACKS, r -> r.value().contains(rollbackEventId), TIMEOUT);
    assertThat(record.key()).isEqualTo(PartitionKeys.of("demo", service));
    RollbackRequested command = EventJson.read(record.value(), RollbackRequested.class);
    assertThat(command.bottleneckFingerprint()).isEqualTo(d.getString("fingerprint"));
    assertThat(command.method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
    assertThat(command.version()).isEqualTo(AFTER);
    assertThat(command.rollbackTo()).isEqualTo(deployment.rollbackTarget());
    assertThat(command.reason()).contains(reason);
    assertThat(command.incidentKey()).isEqualTo("validation:" + d.getLong("validations[0].id"));
  }

  @Test
  void failsAFixThatDidNotImproveWithoutARollbackWhenItIsManual() throws Throwable {
    String service = uniqueService();
    String id = trackedWithPlan(service, false);
    baselineOfPreviousVersion(service);

    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, BEFORE, id));
    newVersion(service, 2250, 3950, 100);
    JsonPath d = awaitStatus(id, "FAILED");

    assertThat(d.getList("validations[0].reasons"))
        .containsExactly(
            "startup phase hibernate-bootstrap did not improve measurably: 2250 ms in 1.5.0,"
                + " 2300 ms in 1.4.2 (-2.174 %); at least 5 % lower is needed");
    assertThat(d.getString("validations[0].rollbackEventId")).isNull();
    // The FAILED status and any rollback command commit together: none is in the outbox.
    Long commands =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withSession(
                    () -> outbox.count("topic = ?1 and service = ?2", Topics.ROLLBACKS, service)));
    assertThat(commands).isZero();
  }

  @Test
  void anotherTenantsDeploymentTouchesNothing() {
    String service = uniqueService();
    String id = trackedWithPlan(service, true);
    baselineOfPreviousVersion(service);

    produce(Topics.DEPLOYMENTS, Telemetry.deployment("other", service, AFTER, BEFORE, id));
    // Then the demo tenant's own deployment of the same service, which moves it.
    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, BEFORE, id));
    JsonPath d = awaitStatus(id, "IN_PROGRESS");

    assertThat(d.getList("validations")).hasSize(1);
    assertThat(d.getString("validations[0].status")).isEqualTo("PENDING");
    given().auth().oauth2(OTHER_TOKEN).get("/api/v1/bottlenecks/" + id).then().statusCode(404);
  }

  @Test
  void theSameDeploymentTwiceStartsOneValidation() {
    String service = uniqueService();
    String id = trackedWithPlan(service, true);
    BottleneckDetected other =
        Events.elsewhere(
            Events.slowStartup("demo", service, 2300), "startup-phase:cache-warmup", Severity.LOW);
    produce(Topics.BOTTLENECKS, other);
    String otherId =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(() -> matrixOf(DEMO_TOKEN, service), p -> p.getList("items").size() == 2)
            .getString("items.find { it.humanId != '" + id + "' }.humanId");

    DeploymentRecorded deployment = Telemetry.deployment("demo", service, AFTER, BEFORE, id, id);
    produce(Topics.DEPLOYMENTS, deployment);
    produce(Topics.DEPLOYMENTS, deployment);
    // Same key, same partition: once this one is applied, both copies before it were handled.
    produce(
        Topics.DEPLOYMENTS,
        Telemetry.deployment("demo", service, "1.5.1", AFTER, otherId, "no-such-optimization"));
    awaitStatus(otherId, "IN_PROGRESS");

    JsonPath d = detail(DEMO_TOKEN, id);
    assertThat(d.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(d.getList("validations")).hasSize(1);
    assertThat(d.getList("history.actor")).containsExactly("analyzer", "deployment");
    assertThat(d.getString("validations[0].optimizationId")).isEqualTo(id);
    assertThat(detail(DEMO_TOKEN, otherId).getString("validations[0].previousVersion"))
        .isEqualTo(AFTER);
  }

  @Test
  void decidesAfterTheTimeoutWithWhatArrived() throws Throwable {
    String service = uniqueService();
    String id = trackedWithPlan(service, true);
    baselineOfPreviousVersion(service);
    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, BEFORE, id));
    // One start of the new version, but none of the three endpoint windows it waits for.
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.start("demo", service, AFTER, StartType.COLD, 900, 2600L, 280.0));
    Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(DEMO_TOKEN)
                    .queryParam("version", AFTER)
                    .get("/api/v1/services/" + service + "/baselines")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("[0].reports"),
            reports -> reports == 1);
    JsonPath pending = awaitStatus(id, "IN_PROGRESS");
    assertThat(pending.getString("validations[0].status")).isEqualTo("PENDING");
    long runId = pending.getLong("validations[0].id");

    VertxContextSupport.subscribeAndAwait(() -> validations.validate(runId, Instant.now()));
    assertThat(detail(DEMO_TOKEN, id).getString("validations[0].status")).isEqualTo("PENDING");
    VertxContextSupport.subscribeAndAwait(
        () -> validations.validate(runId, Instant.now().plus(Duration.ofHours(1))));

    JsonPath d = detail(DEMO_TOKEN, id);
    assertThat(d.getString("status")).isEqualTo("COMPLETED");
    assertThat(d.getString("validations[0].status")).isEqualTo("PASSED");
    assertThat(d.getList("validations[0].notes", String.class))
        .contains("decided after the PT30M timeout with 1 startup reports and 0 endpoint windows");
  }

  @Test
  void isInconclusiveAfterTheTimeoutWithoutABaselineOfThePreviousVersion() throws Throwable {
    String service = uniqueService();
    String id = trackedWithPlan(service, true);
    produce(Topics.DEPLOYMENTS, Telemetry.deployment("demo", service, AFTER, "0.9.0", id));
    long runId = awaitStatus(id, "IN_PROGRESS").getLong("validations[0].id");

    VertxContextSupport.subscribeAndAwait(
        () -> validations.validate(runId, Instant.now().plus(Duration.ofHours(1))));

    JsonPath d = detail(DEMO_TOKEN, id);
    assertThat(d.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("validations[0].status")).isEqualTo("INCONCLUSIVE");
    assertThat(d.getList("validations[0].notes", String.class))
        .containsExactly(
            "no telemetry of the previous version 0.9.0 in prod: nothing to compare with");
    assertThat(d.getString("validations[0].rollbackEventId")).isNull();
  }
}
