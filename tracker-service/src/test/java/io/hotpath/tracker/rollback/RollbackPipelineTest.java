package io.hotpath.tracker.rollback;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.move;
import static io.hotpath.tracker.TrackerTestSupport.transition;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.tracking.BottleneckStatusChanged;
import io.hotpath.contracts.tracking.RollbackCompleted;
import io.hotpath.contracts.tracking.RollbackOutcome;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.TrackerTestSupport;
import io.hotpath.tracker.repository.RollbackCommandRepository;
import io.hotpath.tracker.service.RollbackExecution;
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
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The rollback executor on the real broker and PostgreSQL, against a real HTTP webhook and flag
 * service: a command runs once however often it arrives, its outcome goes out on {@code
 * hotpath.rollback-outcomes.v1} and moves the bottleneck to ROLLED_BACK; a dry run calls nothing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
@QuarkusTestResource(value = RollbackTargetResource.class, restrictToAnnotatedClass = false)
class RollbackPipelineTest {
  static final String TOKEN = "hotpath-rollbacks-token";
  static final String TENANT = "rollbacks";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "hotpath.test.rollback-target")
  String target;

  @Inject RollbackCommandRepository commands;
  @Inject RollbackExecution execution;

  private void produce(String topic, HotpathEvent event) {
    TrackerTestSupport.produce(bootstrap, topic, event);
  }

  /** A tracked bottleneck of a new service, moved to IN_PROGRESS; its detail. */
  private JsonPath inProgress(String tenant, String token, String service) {
    BottleneckDetected b = io.hotpath.tracker.Events.slowStartup(tenant, service, 2300);
    produce(Topics.BOTTLENECKS, b);
    String id =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(() -> matrixOf(token, service), page -> page.getList("items").size() == 1)
            .getString("items[0].humanId");
    transition(token, id, move("IN_PROGRESS", "alice", "shipping the lazy init")).statusCode(200);
    return detail(token, id);
  }

  private static RollbackRequested command(
      UUID eventId,
      String tenant,
      String service,
      String fingerprint,
      String commandId,
      RollbackMethod method) {
    return new RollbackRequested(
        eventId,
        Events.SCHEMA_VERSION,
        tenant,
        service,
        "prod",
        "1.5.0",
        null,
        Instant.now(),
        commandId,
        fingerprint,
        method,
        "shop/" + service,
        "1.4.2",
        "alert HotpathCheckoutLatencyHigh firing since 12:00",
        "alert:" + commandId);
  }

  /** The requests the test HTTP server received at {@code path}. */
  private List<Map<String, Object>> received(String path) {
    List<Map<String, Object>> all =
        given()
            .get(target + RecordingHttpServer.RECORDED)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    return all.stream().filter(r -> ((String) r.get("uri")).split("\\?")[0].equals(path)).toList();
  }

  private static String header(Map<String, Object> request, String name) {
    @SuppressWarnings("unchecked")
    Map<String, List<String>> headers = (Map<String, List<String>>) request.get("headers");
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> String.join(",", e.getValue()))
        .findFirst()
        .orElse(null);
  }

  private static JsonPath awaitCommand(String token, String commandId, String status) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .get("/api/v1/rollbacks/" + commandId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            c -> status.equals(c.getString("status")));
  }

  private static JsonPath awaitStatus(String token, String humanId, String status) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> detail(token, humanId), d -> status.equals(d.getString("status")));
  }

  @Test
  void runsACommandOnceHoweverOftenItArrivesAndRollsTheBottleneckBack() {
    String service = uniqueService();
    JsonPath b = inProgress(TENANT, TOKEN, service);
    String fingerprint = b.getString("fingerprint");
    String humanId = b.getString("humanId");
    String commandId = "alert-" + UUID.randomUUID();
    RollbackRequested first =
        command(UUID.randomUUID(), TENANT, service, fingerprint, commandId, RollbackMethod.WEBHOOK);

    produce(Topics.ROLLBACKS, first);
    produce(Topics.ROLLBACKS, first); // redelivered
    produce( // the same incident raised again: a new event, the same command id
        Topics.ROLLBACKS,
        command(
            UUID.randomUUID(), TENANT, service, fingerprint, commandId, RollbackMethod.WEBHOOK));
    // Same key, same partition, one at a time: once this one is done, the three above were handled.
    String sentinel = "alert-" + UUID.randomUUID();
    produce(
        Topics.ROLLBACKS,
        command(
            UUID.randomUUID(),
            TENANT,
            service,
            "fp-of-nothing-tracked",
            sentinel,
            RollbackMethod.WEBHOOK));
    awaitCommand(TOKEN, sentinel, "SUCCEEDED");

    List<Map<String, Object>> calls =
        received("/hooks/rollbacks").stream()
            .filter(r -> commandId.equals(header(r, "Idempotency-Key")))
            .toList();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).get("method")).isEqualTo("POST");
    assertThat(header(calls.get(0), "X-Api-Key")).isEqualTo(RollbackTargetResource.HOOK_SECRET);
    RollbackRequested posted =
        EventJson.read((String) calls.get(0).get("body"), RollbackRequested.class);
    assertThat(posted.eventId()).isEqualTo(first.eventId());
    assertThat(posted.target()).isEqualTo("shop/" + service);

    JsonPath row = awaitCommand(TOKEN, commandId, "SUCCEEDED");
    assertThat(row.getInt("attempts")).isEqualTo(1);
    assertThat(row.getInt("duplicates")).isEqualTo(2);
    assertThat(row.getString("executor")).isEqualTo("rollback/webhook");
    assertThat(row.getBoolean("dryRun")).isFalse();
    String expectedDetail = "webhook called: POST " + target + "/hooks/rollbacks answered 200";
    assertThat(row.getString("detail")).isEqualTo(expectedDetail);

    ConsumerRecord<String, String> record =
        TopicClient.shared(bootstrap)
            .await(Topics.ROLLBACK_OUTCOMES, r -> r.value().contains(commandId), TIMEOUT);
    assertThat(record.key()).isEqualTo(PartitionKeys.of(TENANT, service));
    RollbackCompleted outcome = EventJson.read(record.value(), RollbackCompleted.class);
    assertThat(outcome.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(outcome.executor()).isEqualTo("rollback/webhook");
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.bottleneckFingerprint()).isEqualTo(fingerprint);
    assertThat(outcome.detail()).isEqualTo(expectedDetail);
    assertThat(
            TopicClient.shared(bootstrap)
                .readToEnd(Topics.ROLLBACK_OUTCOMES, PartitionKeys.of(TENANT, service))
                .stream()
                .filter(r -> r.value().contains(commandId)))
        .hasSize(1);

    JsonPath d = awaitStatus(TOKEN, humanId, "ROLLED_BACK");
    assertThat(d.getList("history.to"))
        .containsExactly("NOT_STARTED", "IN_PROGRESS", "ROLLED_BACK");
    assertThat(d.getString("history[2].from")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].actor")).isEqualTo("rollback/webhook");
    assertThat(d.getString("history[2].reason"))
        .isEqualTo(
            "rolled back after: alert HotpathCheckoutLatencyHigh firing since 12:00 (command "
                + commandId
                + "): "
                + expectedDetail);
    assertThat(
            TopicClient.shared(bootstrap)
                .readToEnd(Topics.STATUS_CHANGES, PartitionKeys.of(TENANT, service))
                .stream()
                .map(r -> EventJson.read(r.value(), BottleneckStatusChanged.class))
                .filter(e -> "rollback/webhook".equals(e.actor()))
                .map(e -> e.to().name()))
        .containsExactly("ROLLED_BACK");

    // The tenant's list shows it, newest first; no secret anywhere in the answer.
    String listed =
        given()
            .auth()
            .oauth2(TOKEN)
            .queryParam("service", service)
            .get("/api/v1/rollbacks")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(JsonPath.from(listed).getList("commandId")).containsExactly(sentinel, commandId);
    assertThat(listed).doesNotContain(RollbackTargetResource.HOOK_SECRET);
    // Another tenant sees none of it.
    given().auth().oauth2(DEMO_TOKEN).get("/api/v1/rollbacks/" + commandId).then().statusCode(404);
    assertThat(
            given()
                .auth()
                .oauth2(DEMO_TOKEN)
                .queryParam("service", service)
                .get("/api/v1/rollbacks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(""))
        .isEmpty();
  }

  @Test
  void aFixThatFailedItsValidationIsRolledBackThroughItsFeatureFlag() {
    String service = uniqueService();
    BottleneckDetected bottleneck = io.hotpath.tracker.Events.slowStartup(TENANT, service, 2300);
    produce(Topics.BOTTLENECKS, bottleneck);
    // The planner's plan: rollback by feature flag, automated.
    produce(
        Topics.PLANS,
        Telemetry.withAutomatedRollback(io.hotpath.tracker.Events.planFor(bottleneck), true));
    String humanId =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> matrixOf(TOKEN, service),
                page -> page.getList("items").size() == 1 && page.get("items[0].plan") != null)
            .getString("items[0].humanId");
    // 1.4.2 measured: p95 100 ms; then 1.5.0 ships the fix and the endpoint's p95 doubles.
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.start(TENANT, service, "1.4.2", StartType.COLD, 2300, 4000L, 300.0));
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.checks(TENANT, service, "1.4.2", new FunctionalityCheck("checkout", true, null)));
    for (int minute = 0; minute < 3; minute++) {
      produce(
          Topics.TELEMETRY_REPORTS,
          Telemetry.window(
              TENANT,
              service,
              "1.4.2",
              minute,
              Telemetry.route("GET", "/orders/{id}", 100, 0, 40, 100, 200)));
    }
    Awaitility.await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(TOKEN)
                    .queryParam("version", "1.4.2")
                    .get("/api/v1/services/" + service + "/baselines")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("[0].reports"),
            reports -> reports == 5);
    produce(Topics.DEPLOYMENTS, Telemetry.deployment(TENANT, service, "1.5.0", "1.4.2", humanId));
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.start(TENANT, service, "1.5.0", StartType.COLD, 900, 2600L, 280.0));
    produce(
        Topics.TELEMETRY_REPORTS,
        Telemetry.checks(TENANT, service, "1.5.0", new FunctionalityCheck("checkout", true, null)));
    for (int minute = 0; minute < 3; minute++) {
      produce(
          Topics.TELEMETRY_REPORTS,
          Telemetry.window(
              TENANT,
              service,
              "1.5.0",
              minute,
              Telemetry.route("GET", "/orders/{id}", 100, 0, 40, 200, 300)));
    }

    JsonPath d = awaitStatus(TOKEN, humanId, "ROLLED_BACK");

    assertThat(d.getList("history.to"))
        .containsExactly("NOT_STARTED", "IN_PROGRESS", "FAILED", "ROLLED_BACK");
    String failed = d.getString("history[2].reason");
    assertThat(failed).startsWith("validation of 1.5.0 against 1.4.2 failed: endpoint GET");
    String commandId = "validation-" + d.getLong("validations[0].id");
    String flagCall = "PATCH " + target + "/flags/" + service + " answered 200";
    assertThat(d.getString("history[3].from")).isEqualTo("FAILED");
    assertThat(d.getString("history[3].actor")).isEqualTo("rollback/feature-flag");
    assertThat(d.getString("history[3].reason"))
        .isEqualTo(
            "rolled back after: "
                + failed
                + " (command "
                + commandId
                + "): flag "
                + service
                + " turned off: "
                + flagCall);
    List<Map<String, Object>> calls = received("/flags/" + service);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).get("method")).isEqualTo("PATCH");
    assertThat(header(calls.get(0), "Authorization")).isEqualTo(RollbackTargetResource.FLAG_SECRET);
    assertThat(calls.get(0).get("body"))
        .isEqualTo("{\"flag\":\"" + service + "\",\"enabled\":false}");
    JsonPath row = awaitCommand(TOKEN, commandId, "SUCCEEDED");
    assertThat(row.getString("method")).isEqualTo("FEATURE_FLAG");
    assertThat(row.getString("incidentKey"))
        .isEqualTo("validation:" + d.getLong("validations[0].id"));
    assertThat(row.getString("detail")).doesNotContain("pipeline-flag-secret");
  }

  @Test
  void aDryRunRecordsWhatItWouldDoCallsNothingAndKeepsTheStatus() {
    String service = uniqueService();
    JsonPath b = inProgress("demo", DEMO_TOKEN, service);
    String commandId = "alert-" + UUID.randomUUID();
    produce(
        Topics.ROLLBACKS,
        command(
            UUID.randomUUID(),
            "demo",
            service,
            b.getString("fingerprint"),
            commandId,
            RollbackMethod.WEBHOOK));

    JsonPath row = awaitCommand(DEMO_TOKEN, commandId, "SKIPPED");
    assertThat(row.getBoolean("dryRun")).isTrue();
    assertThat(row.getInt("attempts")).isZero();
    assertThat(row.getString("detail"))
        .isEqualTo("dry run: would POST the command to " + target + "/hooks/demo");
    JsonPath d =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> detail(DEMO_TOKEN, b.getString("humanId")),
                x -> x.getList("history").size() == 3);
    assertThat(d.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].from")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].to")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].actor")).isEqualTo("rollback/webhook");
    assertThat(d.getString("history[2].reason"))
        .isEqualTo(
            "rollback SKIPPED (command "
                + commandId
                + "): dry run: would POST the command to "
                + target
                + "/hooks/demo; requested after: alert HotpathCheckoutLatencyHigh firing since"
                + " 12:00");
    assertThat(received("/hooks/demo")).isEmpty();
  }

  @Test
  void aMethodWithoutAnExecutorFailsAndSaysWhatIsMissing() {
    String service = uniqueService();
    JsonPath b = inProgress(TENANT, TOKEN, service);
    String commandId = "alert-" + UUID.randomUUID();
    produce(
        Topics.ROLLBACKS,
        command(
            UUID.randomUUID(),
            TENANT,
            service,
            b.getString("fingerprint"),
            commandId,
            RollbackMethod.KUBERNETES_ROLLOUT_UNDO));

    JsonPath row = awaitCommand(TOKEN, commandId, "FAILED");
    assertThat(row.getString("executor")).isEqualTo("rollback/none");
    assertThat(row.getString("detail"))
        .isEqualTo(
            "no executor configured for KUBERNETES_ROLLOUT_UNDO: set"
                + " hotpath.rollback.kubernetes.enabled=true (in-cluster service account, or"
                + " hotpath.rollback.kubernetes.kubeconfig)");
    JsonPath d =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> detail(TOKEN, b.getString("humanId")), x -> x.getList("history").size() == 3);
    assertThat(d.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].reason"))
        .startsWith("rollback FAILED (command " + commandId + "): no executor configured");
  }

  @Test
  void aPoisonCommandGoesToTheDeadLetterTopicAndTheNextOneRuns() {
    String service = uniqueService();
    String key = PartitionKeys.of(TENANT, service);
    TopicClient.shared(bootstrap)
        .send(Topics.ROLLBACKS, key, "{\"commandId\": 42, \"not\": \"a command\"");
    String commandId = "alert-" + UUID.randomUUID();
    produce(
        Topics.ROLLBACKS,
        command(
            UUID.randomUUID(), TENANT, service, "fp-untracked", commandId, RollbackMethod.WEBHOOK));

    awaitCommand(TOKEN, commandId, "SUCCEEDED");
    ConsumerRecord<String, String> dead =
        TopicClient.shared(bootstrap)
            .await(Topics.deadLetter(Topics.ROLLBACKS), r -> key.equals(r.key()), TIMEOUT);
    assertThat(dead.value()).contains("not");
    assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value())).isNotBlank();
  }

  @Test
  void aCommandInterruptedWhileRunningIsFinishedAsFailedAndNeverRunAgain() throws Throwable {
    String service = uniqueService();
    JsonPath b = inProgress(TENANT, TOKEN, service);
    String commandId = "alert-" + UUID.randomUUID();
    RollbackRequested command =
        command(
            UUID.randomUUID(),
            TENANT,
            service,
            b.getString("fingerprint"),
            commandId,
            RollbackMethod.WEBHOOK);
    // As a tracker that stopped right after claiming it would have left it: RUNNING.
    Instant claimedAt = Instant.now();
    Boolean claimed =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withTransaction(() -> commands.claim(command, false, claimedAt)));
    assertThat(claimed).isTrue();

    // Not stale yet: nothing happens.
    assertThat(
            VertxContextSupport.subscribeAndAwait(
                () -> execution.sweepInterrupted(claimedAt.plusSeconds(60))))
        .isZero();
    // Past stale-after (15 min); the decision time is a parameter, so the test does not wait.
    assertThat(
            VertxContextSupport.subscribeAndAwait(
                () -> execution.sweepInterrupted(claimedAt.plus(Duration.ofMinutes(16)))))
        .isGreaterThanOrEqualTo(1);

    JsonPath row = awaitCommand(TOKEN, commandId, "FAILED");
    assertThat(row.getString("detail"))
        .startsWith("interrupted: the executor stopped while this command ran")
        .endsWith("check shop/" + service + " and roll back by hand if needed");
    // A redelivery of the command afterwards does not run it either.
    produce(Topics.ROLLBACKS, command);
    String sentinel = "alert-" + UUID.randomUUID();
    produce(
        Topics.ROLLBACKS,
        command(
            UUID.randomUUID(), TENANT, service, "fp-untracked", sentinel, RollbackMethod.WEBHOOK));
    awaitCommand(TOKEN, sentinel, "SUCCEEDED");
    assertThat(
            received("/hooks/rollbacks").stream()
                .filter(r -> commandId.equals(header(r, "Idempotency-Key"))))
        .isEmpty();
    assertThat(awaitCommand(TOKEN, commandId, "FAILED").getInt("duplicates")).isEqualTo(1);
    JsonPath d =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> detail(TOKEN, b.getString("humanId")), x -> x.getList("history").size() == 3);
    assertThat(d.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(d.getString("history[2].reason"))
        .startsWith("rollback FAILED (command " + commandId + "): interrupted:");
  }

  @Test
  void theSameOutcomeTwiceChangesTheBottleneckOnce() {
    String service = uniqueService();
    JsonPath b = inProgress(TENANT, TOKEN, service);
    String humanId = b.getString("humanId");
    RollbackCompleted succeeded =
        outcome(service, b.getString("fingerprint"), "cmd-1", RollbackOutcome.SUCCEEDED);

    produce(Topics.ROLLBACK_OUTCOMES, succeeded);
    produce(Topics.ROLLBACK_OUTCOMES, succeeded);
    // Same key, same partition: once this one shows, both copies before it were handled.
    produce(
        Topics.ROLLBACK_OUTCOMES,
        outcome(service, b.getString("fingerprint"), "cmd-2", RollbackOutcome.FAILED));
    JsonPath d =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> detail(TOKEN, humanId),
                x ->
                    x.getList("history.reason", String.class).stream()
                        .anyMatch(r -> r.contains("cmd-2")));

    assertThat(d.getString("status")).isEqualTo("ROLLED_BACK");
    assertThat(d.getList("history.to"))
        .containsExactly("NOT_STARTED", "IN_PROGRESS", "ROLLED_BACK", "ROLLED_BACK");
    assertThat(d.getString("history[2].reason"))
        .isEqualTo("rolled back (command cmd-1): deployment shop/x rolled back");
    assertThat(d.getString("history[3].reason"))
        .isEqualTo("rollback FAILED (command cmd-2): deployment shop/x rolled back");
  }

  private static RollbackCompleted outcome(
      String service, String fingerprint, String commandId, RollbackOutcome outcome) {
    return new RollbackCompleted(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        TENANT,
        service,
        "prod",
        "1.5.0",
        null,
        Instant.now(),
        commandId,
        fingerprint,
        "rollback/kubernetes",
        outcome,
        "deployment shop/x rolled back",
        1);
  }

  @Test
  void listingRefusesABadLimit() {
    given()
        .auth()
        .oauth2(TOKEN)
        .queryParam("limit", "0")
        .get("/api/v1/rollbacks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].parameter", org.hamcrest.Matchers.equalTo("limit"));
    given().get("/api/v1/rollbacks").then().statusCode(401);
  }
}
