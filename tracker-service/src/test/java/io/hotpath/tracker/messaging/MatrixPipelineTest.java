package io.hotpath.tracker.messaging;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.detail;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.tracker.Events;
import io.hotpath.tracker.TrackerTestSupport;
import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.repository.PlanRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Bottlenecks and plans from the real broker into the matrix in the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class MatrixPipelineTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject PlanRepository plans;

  private void produce(String topic, HotpathEvent event) {
    TrackerTestSupport.produce(bootstrap, topic, event);
  }

  private TopicClient kafka() {
    return TopicClient.shared(bootstrap);
  }

  /** Waits until the service's matrix has {@code rows} rows and returns it. */
  private JsonPath awaitRows(String service, int rows) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(() -> matrixOf(DEMO_TOKEN, service), page -> page.getList("items").size() == rows);
  }

  @Test
  void tracksADetectedBottleneckAsNotStarted() {
    BottleneckDetected bottleneck = Events.slowStartup("demo", uniqueService(), 2300);

    produce(Topics.BOTTLENECKS, bottleneck);
    JsonPath page = awaitRows(bottleneck.service(), 1);

    assertThat(page.getString("items[0].humanId")).matches("BTLNK-\\d{3,}");
    assertThat(page.getString("items[0].fingerprint")).isEqualTo(bottleneck.fingerprint());
    assertThat(page.getString("items[0].status")).isEqualTo("NOT_STARTED");
    assertThat(page.getString("items[0].type")).isEqualTo("SLOW_STARTUP");
    assertThat(page.getString("items[0].severity")).isEqualTo("HIGH");
    assertThat(page.getString("items[0].environment")).isEqualTo("prod");
    assertThat(page.getString("items[0].location")).isEqualTo(Events.LOCATION);
    assertThat(page.getDouble("items[0].impact.value")).isEqualTo(1300.0);
    assertThat(page.getString("items[0].impact.unit")).isEqualTo("ms");
    assertThat(page.getLong("items[0].occurrences")).isEqualTo(1);
    assertThat(page.getMap("items[0]")).containsEntry("plan", null);
    assertThat(page.getMap("items[0]")).containsEntry("actualImprovement", null);
    assertThat(page.getString("items[0].firstSeen")).isEqualTo(bottleneck.firstSeen().toString());

    JsonPath detail = detail(DEMO_TOKEN, page.getString("items[0].humanId"));
    assertThat(detail.getList("history")).hasSize(1);
    assertThat(detail.getMap("history[0]")).containsEntry("from", null);
    assertThat(detail.getString("history[0].to")).isEqualTo("NOT_STARTED");
    assertThat(detail.getString("history[0].actor")).isEqualTo("analyzer");
    assertThat(detail.getString("history[0].reason"))
        .isEqualTo("detected: " + bottleneck.impact().summary());
  }

  @Test
  void appliesTheSameEventOnlyOnce() {
    BottleneckDetected bottleneck = Events.slowStartup("demo", uniqueService(), 2300);
    // Same key, so same partition, processed after the repeat: a barrier for the assertions.
    BottleneckDetected barrier = Events.elsewhere(bottleneck, "startup-phase:flyway", Severity.LOW);

    produce(Topics.BOTTLENECKS, bottleneck);
    produce(Topics.BOTTLENECKS, bottleneck);
    produce(Topics.BOTTLENECKS, barrier);
    JsonPath page = awaitRows(bottleneck.service(), 2);

    Map<String, Object> row = rowOf(page, bottleneck.fingerprint());
    assertThat(row).containsEntry("occurrences", 1);
    assertThat(detail(DEMO_TOKEN, (String) row.get("humanId")).getList("history")).hasSize(1);
  }

  @Test
  void updatesTheRowWhenTheSameBottleneckIsSeenAgain() {
    BottleneckDetected first = Events.slowStartup("demo", uniqueService(), 2300);
    BottleneckDetected again =
        Events.slowStartup(
            "demo", first.service(), 3200, Severity.CRITICAL, 2, first.lastSeen().plusSeconds(300));

    produce(Topics.BOTTLENECKS, first);
    produce(Topics.BOTTLENECKS, again);

    JsonPath page =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> matrixOf(DEMO_TOKEN, first.service()),
                p -> p.getList("items").size() == 1 && p.getLong("items[0].occurrences") == 2);
    assertThat(page.getString("items[0].severity")).isEqualTo("CRITICAL");
    assertThat(page.getDouble("items[0].impact.value")).isEqualTo(2200.0);
    assertThat(page.getString("items[0].lastSeen")).isEqualTo(again.lastSeen().toString());
    assertThat(page.getString("items[0].status")).isEqualTo("NOT_STARTED");
    assertThat(detail(DEMO_TOKEN, page.getString("items[0].humanId")).getList("history"))
        .hasSize(1);
  }

  @Test
  void showsThePlanInTheRowsPlanSummary() {
    BottleneckDetected bottleneck = Events.slowStartup("demo", uniqueService(), 2300);
    PlanProposed plan = Events.planFor(bottleneck);

    produce(Topics.BOTTLENECKS, bottleneck);
    produce(Topics.PLANS, plan);

    JsonPath page =
        Awaitility.await()
            .atMost(TIMEOUT)
            .until(
                () -> matrixOf(DEMO_TOKEN, bottleneck.service()),
                p -> p.getList("items").size() == 1 && p.get("items[0].plan") != null);
    assertThat(page.getString("items[0].plan.planId")).isEqualTo(plan.planId());
    assertThat(page.getString("items[0].plan.approach"))
        .isEqualTo("Lazy loading behind a feature flag");
    assertThat(page.getString("items[0].plan.effort.size")).isEqualTo("S");
    assertThat(page.getDouble("items[0].plan.effort.personDays")).isEqualTo(2.0);
    assertThat(page.getString("items[0].plan.rollback.method")).isEqualTo("FEATURE_FLAG");
    assertThat(page.getBoolean("items[0].plan.rollback.automated")).isTrue();
    assertThat(page.getDouble("items[0].plan.expectedImprovement.value")).isEqualTo(1300.0);
    assertThat(page.getString("items[0].plan.expectedImprovement.unit")).isEqualTo("ms");

    JsonPath detail = detail(DEMO_TOKEN, page.getString("items[0].humanId"));
    assertThat(detail.getString("plan.rollback.timeToRollback")).isEqualTo("PT1M");
    assertThat(detail.getList("plan.steps")).isEqualTo(plan.strategy().steps());
  }

  @Test
  void keepsAPlanThatArrivesBeforeItsBottleneck() {
    BottleneckDetected bottleneck = Events.slowStartup("demo", uniqueService(), 2300);
    PlanProposed plan = Events.planFor(bottleneck);
    PlanKey key = new PlanKey("demo", bottleneck.fingerprint());

    produce(Topics.PLANS, plan);
    Awaitility.await().atMost(TIMEOUT).until(() -> storedPlan(key) != null);
    produce(Topics.BOTTLENECKS, bottleneck);

    JsonPath page = awaitRows(bottleneck.service(), 1);
    assertThat(page.getString("items[0].plan.planId")).isEqualTo(plan.planId());
  }

  @Test
  void sendsAPoisonRecordToTheDeadLetterTopicAndTracksTheNextOne() {
    String service = uniqueService();
    String poison = "{\"schemaVersion\":1,\"tenant\":\"demo\",\"service\":\"" + service + "\"}";
    BottleneckDetected next = Events.slowStartup("demo", service, 2300);

    kafka().send(Topics.BOTTLENECKS, "demo/" + service, poison);
    produce(Topics.BOTTLENECKS, next);

    ConsumerRecord<String, String> dead =
        kafka()
            .await(
                Topics.deadLetter(Topics.BOTTLENECKS),
                record -> poison.equals(record.value()),
                TIMEOUT);
    assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
    assertThat(
            new String(
                dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
        .contains("eventId is required");
    awaitRows(service, 1);
  }

  @Test
  void sendsAnUnreadablePlanToItsDeadLetterTopic() {
    String poison = "not json at all " + uniqueService();

    kafka().send(Topics.PLANS, "demo/x", poison);

    kafka()
        .await(Topics.deadLetter(Topics.PLANS), record -> poison.equals(record.value()), TIMEOUT);
  }

  @Test
  void measuresEachPollsWaitWorkAndStatusChangeInTheMetrics() {
    Map<String, Double> before = pollCounts();
    BottleneckDetected bottleneck = Events.slowStartup("demo", uniqueService(), 2300);

    produce(Topics.BOTTLENECKS, bottleneck);
    awaitRows(bottleneck.service(), 1);

    // The poll is measured as it is acknowledged, just after its row became visible.
    Awaitility.await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(pollCounts())
                    .allSatisfy(
                        (name, count) ->
                            assertThat(count).as(name).isGreaterThan(before.get(name))));
  }

  /** The counts of the poll timers of {@code bottlenecks-in} and of the status-change timer. */
  private static Map<String, Double> pollCounts() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Map<String, Double> counts = new java.util.TreeMap<>();
    for (String name :
        List.of(
            "hotpath_tracker_record_wait_seconds_count{channel=\"bottlenecks-in\"}",
            "hotpath_tracker_poll_duration_seconds_count{channel=\"bottlenecks-in\"}",
            "hotpath_tracker_status_publish_duration_seconds_count")) {
      counts.put(name, 0.0);
      metrics
          .lines()
          .filter(line -> line.startsWith(name + " "))
          .forEach(line -> counts.put(name, Double.parseDouble(line.substring(name.length() + 1))));
    }
    return counts;
  }

  private TrackedPlan storedPlan(PlanKey key) throws Exception {
    try {
      return VertxContextSupport.subscribeAndAwait(
          () -> Panache.withSession(() -> plans.findById(key)));
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> rowOf(JsonPath page, String fingerprint) {
    List<Map<String, Object>> items = page.getList("items");
    return items.stream()
        .filter(item -> fingerprint.equals(item.get("fingerprint")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + fingerprint + " in " + items));
  }
}
