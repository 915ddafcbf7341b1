package io.hotpath.tracker.lifecycle;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.OTHER_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.hotpath.tracker.TrackerTestSupport.move;
import static io.hotpath.tracker.TrackerTestSupport.transition;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.contracts.tracking.BottleneckStatusChanged;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.messaging.OutboxRelay;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.OutboxRepository;
import io.hotpath.tracker.service.MatrixUpdates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Moving bottlenecks through their lifecycle over HTTP, on the real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class LifecycleApiTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject MatrixUpdates updates;
  @Inject BottleneckRepository bottlenecks;
  @Inject OutboxRepository outbox;
  @Inject OutboxRelay relay;

  /** Tracks a new bottleneck of the demo tenant and returns its human id. */
  private String tracked(Severity severity) throws Throwable {
    BottleneckDetected event =
        Events.slowStartup("demo", uniqueService(), 2300, severity, 1, Events.T);
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetection(event));
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () ->
                    bottlenecks
                        .findByFingerprint("demo", event.fingerprint())
                        .map(TrackedBottleneck::humanId)));
  }

  @Test
  void startsWorkAndRecordsWhoWhenAndWhyInTheHistory() throws Throwable {
    String id = tracked(Severity.HIGH);

    JsonPath answer =
        transition(DEMO_TOKEN, id, move("in_progress", "alice", "sprint 48: lazy hibernate boot"))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("from")).isEqualTo("NOT_STARTED");
    assertThat(answer.getString("to")).isEqualTo("IN_PROGRESS");
    assertThat(answer.getString("bottleneck.status")).isEqualTo("IN_PROGRESS");
    JsonPath detail = detail(DEMO_TOKEN, id);
    assertThat(detail.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(detail.getList("history")).hasSize(2);
    assertThat(detail.getString("history[1].from")).isEqualTo("NOT_STARTED");
    assertThat(detail.getString("history[1].to")).isEqualTo("IN_PROGRESS");
    assertThat(detail.getString("history[1].actor")).isEqualTo("alice");
    assertThat(detail.getString("history[1].reason")).isEqualTo("sprint 48: lazy hibernate boot");
    assertThat(Instant.parse(detail.getString("history[1].at")))
        .isAfterOrEqualTo(Instant.parse(detail.getString("history[0].at")));
  }

  @Test
  void refusesAnIllegalTransitionWith409NamingFromToAndTheAllowedTargets() throws Throwable {
    String id = tracked(Severity.MEDIUM);

    transition(DEMO_TOKEN, id, move("FAILED", "alice", "it did not work"))
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("type", equalTo("urn:hotpath:problem:transition-not-allowed"))
        .body("from", equalTo("NOT_STARTED"))
        .body("to", equalTo("FAILED"))
        .body("allowed", contains("IN_PROGRESS", "DEFERRED"))
        .body("detail", containsString("cannot move from NOT_STARTED to FAILED"));

    assertThat(detail(DEMO_TOKEN, id).getString("status")).isEqualTo("NOT_STARTED");
    assertThat(detail(DEMO_TOKEN, id).getList("history")).hasSize(1);
  }

  @Test
  void refusesCompletedThroughTheApiBecauseItComesFromAValidation() throws Throwable {
    String id = tracked(Severity.HIGH);
    transition(DEMO_TOKEN, id, move("IN_PROGRESS", "alice", "start")).statusCode(200);

    transition(DEMO_TOKEN, id, move("COMPLETED", "alice", "shipped"))
        .statusCode(409)
        .body("type", equalTo("urn:hotpath:problem:completion-needs-validation"))
        .body("from", equalTo("IN_PROGRESS"))
        .body("to", equalTo("COMPLETED"))
        .body("allowed", contains("NOT_STARTED", "FAILED", "ROLLED_BACK"))
        .body("detail", containsString("validation"));

    assertThat(detail(DEMO_TOKEN, id).getString("status")).isEqualTo("IN_PROGRESS");
  }

  @Test
  void refusesToDeferACriticalOrHighBottleneckWith409() throws Throwable {
    String id = tracked(Severity.CRITICAL);

    Map<String, String> defer = move("DEFERRED", "bob", "not this quarter");
    defer.put("justification", "the service is retired in Q1");
    transition(DEMO_TOKEN, id, defer)
        .statusCode(409)
        .body("type", equalTo("urn:hotpath:problem:deferral-not-allowed"))
        .body("severity", equalTo("CRITICAL"))
        .body("allowed", contains("IN_PROGRESS"))
        .body("detail", containsString("only MEDIUM and LOW"));

    assertThat(detail(DEMO_TOKEN, id).getString("status")).isEqualTo("NOT_STARTED");
  }

  @Test
  void refusesADeferralWithoutJustificationWith400() throws Throwable {
    String id = tracked(Severity.LOW);

    transition(DEMO_TOKEN, id, move("DEFERRED", "bob", "later"))
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("errors.pointer", contains("/justification"));

    assertThat(detail(DEMO_TOKEN, id).getString("status")).isEqualTo("NOT_STARTED");
  }

  @Test
  void refusesABodyWithoutTargetActorOrReasonWith400NamingEach() throws Throwable {
    String id = tracked(Severity.LOW);

    transition(DEMO_TOKEN, id, Map.of("to", "DONE"))
        .statusCode(400)
        .body("errors.pointer", contains("/to", "/actor", "/reason"));
  }

  @Test
  void defersAMediumBottleneckWithItsJustificationAndResumesIt() throws Throwable {
    String id = tracked(Severity.MEDIUM);
    Map<String, String> defer = move("DEFERRED", "bob", "capacity");
    defer.put("justification", "costs 40 ms once a day; the batch job is replaced in Q1");

    transition(DEMO_TOKEN, id, defer).statusCode(200);

    JsonPath deferred = detail(DEMO_TOKEN, id);
    assertThat(deferred.getString("status")).isEqualTo("DEFERRED");
    assertThat(deferred.getString("deferral.justification"))
        .isEqualTo("costs 40 ms once a day; the batch job is replaced in Q1");
    assertThat(deferred.getString("deferral.by")).isEqualTo("bob");
    assertThat(deferred.getString("history[1].justification"))
        .isEqualTo("costs 40 ms once a day; the batch job is replaced in Q1");

    transition(DEMO_TOKEN, id, move("IN_PROGRESS", "carol", "the batch job stays")).statusCode(200);

    JsonPath resumed = detail(DEMO_TOKEN, id);
    assertThat(resumed.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(resumed.getMap("")).containsEntry("deferral", null);
    assertThat(resumed.getList("history.to", String.class))
        .containsExactly("NOT_STARTED", "DEFERRED", "IN_PROGRESS");
    assertThat(resumed.getList("history.actor", String.class))
        .containsExactly("analyzer", "bob", "carol");
  }

  @Test
  void retriesAfterAFailure() throws Throwable {
    String id = tracked(Severity.HIGH);

    transition(DEMO_TOKEN, id, move("IN_PROGRESS", "alice", "start")).statusCode(200);
    transition(DEMO_TOKEN, id, move("FAILED", "alice", "p95 got worse")).statusCode(200);
    transition(DEMO_TOKEN, id, move("IN_PROGRESS", "alice", "second approach")).statusCode(200);

    assertThat(detail(DEMO_TOKEN, id).getList("history.to", String.class))
        .containsExactly("NOT_STARTED", "IN_PROGRESS", "FAILED", "IN_PROGRESS");
  }

  @Test
  void refuses409WhenTheStatusIsNotTheOneTheCallerExpected() throws Throwable {
    String id = tracked(Severity.MEDIUM);
    transition(DEMO_TOKEN, id, move("IN_PROGRESS", "alice", "start")).statusCode(200);

    Map<String, String> stale = move("NOT_STARTED", "bob", "stop");
    stale.put("from", "DEFERRED");
    transition(DEMO_TOKEN, id, stale)
        .statusCode(409)
        .body("type", equalTo("urn:hotpath:problem:transition-conflict"))
        .body("from", equalTo("IN_PROGRESS"));
  }

  @Test
  void letsOnlyOneOfConcurrentTransitionsWin() throws Throwable {
    String id = tracked(Severity.MEDIUM);
    int callers = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        String actor = "caller-" + i;
        Callable<Integer> call =
            () -> {
              start.await();
              Map<String, String> body = move("IN_PROGRESS", actor, "race");
              body.put("from", "NOT_STARTED");
              return transition(DEMO_TOKEN, id, body).extract().statusCode();
            };
        answers.add(pool.submit(call));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      assertThat(statuses).containsOnly(200, 409);
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    } finally {
      pool.shutdownNow();
    }

    assertThat(detail(DEMO_TOKEN, id).getList("history.to", String.class))
        .containsExactly("NOT_STARTED", "IN_PROGRESS");
  }

  @Test
  void publishesTheStatusChangeKeyedByTenantAndServiceBeforeAnswering() throws Throwable {
    String id = tracked(Severity.HIGH);
    String service = detail(DEMO_TOKEN, id).getString("service");

    JsonPath answer =
        transition(DEMO_TOKEN, id, move("IN_PROGRESS", "alice", "start"))
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getBoolean("statusEvent.published")).isTrue();
    assertThat(answer.getString("statusEvent.topic")).isEqualTo(Topics.STATUS_CHANGES);
    String eventId = answer.getString("statusEvent.eventId");
    ConsumerRecord<String, String> record =
        TopicClient.shared(bootstrap)
            .await(Topics.STATUS_CHANGES, r -> r.value().contains(eventId), TIMEOUT);
    assertThat(record.key()).isEqualTo(PartitionKeys.of("demo", service));
    BottleneckStatusChanged event = EventJson.read(record.value(), BottleneckStatusChanged.class);
    assertThat(event.humanId()).isEqualTo(id);
    assertThat(event.tenant()).isEqualTo("demo");
    assertThat(event.service()).isEqualTo(service);
    assertThat(event.from()).isEqualTo(BottleneckStatus.NOT_STARTED);
    assertThat(event.to()).isEqualTo(BottleneckStatus.IN_PROGRESS);
    assertThat(event.actor()).isEqualTo("alice");
    assertThat(event.reason()).isEqualTo("start");
    assertThat(event.bottleneckFingerprint())
        .isEqualTo(detail(DEMO_TOKEN, id).getString("fingerprint"));
  }

  @Test
  void neverMovesAnotherTenantsBottleneck() throws Throwable {
    // A human id far above anything the other tenant has, so its 404 is certain.
    BottleneckDetected event = Events.slowStartup("demo", uniqueService(), 2300);
    long number = 900_000 + ThreadLocalRandom.current().nextInt(90_000);
    String id =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withTransaction(
                    () ->
                        bottlenecks
                            .persist(TrackedBottleneck.detected(event, number, Instant.now()))
                            .map(TrackedBottleneck::humanId)));

    transition(OTHER_TOKEN, id, move("IN_PROGRESS", "mallory", "mine now"))
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));

    assertThat(detail(DEMO_TOKEN, id).getString("status")).isEqualTo("NOT_STARTED");
    given()
        .contentType("application/json")
        .body(move("IN_PROGRESS", "anon", "x"))
        .post("/api/v1/bottlenecks/" + id + "/transitions")
        .then()
        .statusCode(401);
  }

  @Test
  void announcesANewlyTrackedBottleneckAsNotStartedByTheAnalyzer() throws Throwable {
    String id = tracked(Severity.HIGH);
    String fingerprint = detail(DEMO_TOKEN, id).getString("fingerprint");

    ConsumerRecord<String, String> record =
        TopicClient.shared(bootstrap)
            .await(Topics.STATUS_CHANGES, r -> r.value().contains(fingerprint), TIMEOUT);

    BottleneckStatusChanged event = EventJson.read(record.value(), BottleneckStatusChanged.class);
    assertThat(event.humanId()).isEqualTo(id);
    assertThat(event.from()).isNull();
    assertThat(event.to()).isEqualTo(BottleneckStatus.NOT_STARTED);
    assertThat(event.actor()).isEqualTo("analyzer");
    assertThat(event.reason()).startsWith("detected: ");
  }

  @Test
  void relaysAnEventThatWasCommittedButNeverAcknowledged() throws Throwable {
    String service = uniqueService();
    UUID eventId = UUID.randomUUID();
    Instant longAgo = Instant.now().minusSeconds(3600);
    BottleneckStatusChanged event =
        new BottleneckStatusChanged(
            eventId,
            io.hotpath.contracts.Events.SCHEMA_VERSION,
            "demo",
            service,
            "prod",
            "1.4.2",
            null,
            longAgo,
            "f".repeat(64),
            "BTLNK-001",
            BottleneckStatus.NOT_STARTED,
            BottleneckStatus.IN_PROGRESS,
            "alice",
            "start");
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    outbox.persist(
                        OutboxEvent.of(
                            eventId, "demo", service, EventJson.write(event), longAgo))));

    VertxContextSupport.subscribeAndAwait(() -> relay.relayOnce());

    ConsumerRecord<String, String> record =
        TopicClient.shared(bootstrap)
            .await(Topics.STATUS_CHANGES, r -> r.value().contains(eventId.toString()), TIMEOUT);
    assertThat(record.key()).isEqualTo(PartitionKeys.of("demo", service));
    OutboxEvent stored =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withSession(() -> outbox.findById(eventId)));
    assertThat(stored.publishedAt()).isNotNull();
  }

  @Test
  void countsTransitionsAndRefusalsInTheMetrics() throws Throwable {
    String id = tracked(Severity.HIGH);
    transition(DEMO_TOKEN, id, move("IN_PROGRESS", "alice", "start")).statusCode(200);
    transition(DEMO_TOKEN, id, move("COMPLETED", "alice", "done")).statusCode(409);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics)
        .containsPattern(
            "hotpath_tracker_transitions_total\\{from=\"NOT_STARTED\",to=\"IN_PROGRESS\"\\} [1-9]")
        .containsPattern(
            "hotpath_tracker_transitions_refused_total\\{reason=\"NEEDS_VALIDATION\"\\} [1-9]");
  }

  @Test
  void tellsWhatABottleneckMayMoveToNow() throws Throwable {
    String high = tracked(Severity.HIGH);
    String low = tracked(Severity.LOW);
    transition(DEMO_TOKEN, high, move("IN_PROGRESS", "alice", "start")).statusCode(200);

    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .get("/api/v1/bottlenecks/" + high + "/transitions")
        .then()
        .statusCode(200)
        .body("status", equalTo("IN_PROGRESS"))
        .body("allowed", contains("NOT_STARTED", "FAILED", "ROLLED_BACK"))
        .body("deferrable", equalTo(false));
    given()
        .auth()
        .oauth2(DEMO_TOKEN)
        .get("/api/v1/bottlenecks/" + low + "/transitions")
        .then()
        .statusCode(200)
        .body("allowed", contains("IN_PROGRESS", "DEFERRED"))
        .body("deferrable", equalTo(true));
  }

  @Test
  void answers404ForAnUnknownHumanId() {
    transition(DEMO_TOKEN, "BTLNK-9999999", move("IN_PROGRESS", "alice", "start"))
        .statusCode(404)
        .body("detail", equalTo("No bottleneck BTLNK-9999999 in your tenant."));
  }

  @Test
  void publishesOnTheTopicNamedInTheContract() {
    assertThat(
            ConfigProvider.getConfig()
                .getValue("mp.messaging.outgoing.status-changes-out.topic", String.class))
        .isEqualTo(Topics.STATUS_CHANGES);
  }
}
