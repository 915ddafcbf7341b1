package io.hotpath.planner.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.CoverageGapFound;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.localstack.kafka.TopicClient;
import io.hotpath.planner.Bottlenecks;
import io.hotpath.planner.playbook.PlaybookCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The planner between the real broker's bottlenecks and plans topics. */
@QuarkusTest
@QuarkusTestResource(value = HotpathStackResource.class, restrictToAnnotatedClass = false)
class PlanningPipelineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "mp.messaging.incoming.bottlenecks-in.topic")
  String inTopic;

  @ConfigProperty(name = "mp.messaging.incoming.bottlenecks-in.dead-letter-queue.topic")
  String deadLetterTopic;

  @ConfigProperty(name = "mp.messaging.outgoing.plans-out.topic")
  String outTopic;

  @Inject PlaybookCatalog catalog;

  private static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private TopicClient kafka() {
    return TopicClient.shared(bootstrap);
  }

  private void produce(BottleneckDetected bottleneck) {
    kafka().send(Topics.BOTTLENECKS, PartitionKeys.of(bottleneck), EventJson.write(bottleneck));
  }

  private ConsumerRecord<String, String> awaitPlanFor(BottleneckDetected bottleneck) {
    return kafka()
        .await(Topics.PLANS, record -> record.value().contains(bottleneck.fingerprint()), TIMEOUT);
  }

  @Test
  void proposesLazyLoadingWithAFlagRollbackForASlowStartup() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("demo", uniqueService(), 2300);

    produce(bottleneck);
    ConsumerRecord<String, String> record = awaitPlanFor(bottleneck);

    assertThat(record.key()).isEqualTo("demo/" + bottleneck.service());
    PlanProposed plan = EventJson.read(record.value(), PlanProposed.class);
    assertThat(plan.eventId()).isEqualTo(EventIds.derived(bottleneck.eventId(), catalog.version()));
    assertThat(plan.catalogVersion()).isEqualTo(catalog.version());
    assertThat(plan.bottleneckFingerprint()).isEqualTo(bottleneck.fingerprint());
    assertThat(plan.strategy().approach()).isEqualTo("Lazy loading behind a feature flag");
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(1300.0);
    assertThat(plan.strategy().expectedImprovement().unit()).isEqualTo("ms");
    assertThat(plan.rollback().method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
    assertThat(plan.rollback().automated()).isTrue();
    assertThat(plan.rollback().timeToRollback()).isEqualTo(Duration.ofMinutes(1));
    assertThat(plan.rank()).isEqualTo(1);
    assertThat(plan.dependsOn()).isEmpty();
  }

  @Test
  void sendsAPoisonRecordToTheDeadLetterTopicAndPlansTheNextOne() {
    String service = uniqueService();
    String poison = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"tenant\":\"demo\"";
    BottleneckDetected next = Bottlenecks.slowStartup("demo", service, 2600);

    kafka().send(Topics.BOTTLENECKS, "demo/" + service, poison);
    produce(next);

    ConsumerRecord<String, String> dead =
        kafka()
            .await(
                Topics.deadLetter(Topics.BOTTLENECKS),
                record -> poison.equals(record.value()),
                TIMEOUT);
    Header reason = dead.headers().lastHeader("dead-letter-reason");
    assertThat(reason).isNotNull();
    assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("BottleneckDetected");
    PlanProposed plan = EventJson.read(awaitPlanFor(next).value(), PlanProposed.class);
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(1600.0);
  }

  @Test
  void countsABottleneckItCannotPlanInsteadOfInventingAPlan() {
    BottleneckDetected uncovered = Bottlenecks.unmeasuredNPlusOne("demo", uniqueService());
    BottleneckDetected covered = Bottlenecks.slowStartup("demo", uncovered.service(), 2300);

    produce(uncovered);
    produce(covered);

    // One key, one partition, in order: had the uncovered one been planned, its plan would be
    // on the plans topic before the covered one's.
    List<ConsumerRecord<String, String>> plans =
        kafka()
            .readUntil(
                Topics.PLANS, record -> record.value().contains(covered.fingerprint()), TIMEOUT);
    assertThat(plans).noneMatch(record -> record.value().contains(uncovered.fingerprint()));
    ConsumerRecord<String, String> gap =
        kafka()
            .await(
                Topics.COVERAGE_GAPS,
                record -> record.value().contains(uncovered.fingerprint()),
                TIMEOUT);
    assertThat(gap.key()).isEqualTo("demo/" + uncovered.service());
    CoverageGapFound published = EventJson.read(gap.value(), CoverageGapFound.class);
    assertThat(published.severity()).isEqualTo(uncovered.severity());
    assertThat(published.reason()).isEqualTo(CoverageGapFound.MISSING_EVIDENCE);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "hotpath_planner_unplanned_total{reason=\"missing-evidence\",type=\"N_PLUS_ONE\"}"));
  }

  @Test
  void isReadyWithKafkaAndItsCatalog() {
    Awaitility.await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(
                        "checks.name",
                        hasItems(
                            "SmallRye Reactive Messaging - readiness check", "playbook-catalog")));
  }

  @Test
  void readsAndWritesTheTopicsNamedInTheContract() {
    assertThat(inTopic).isEqualTo(Topics.BOTTLENECKS);
    assertThat(deadLetterTopic).isEqualTo(Topics.deadLetter(Topics.BOTTLENECKS));
    assertThat(outTopic).isEqualTo(Topics.PLANS);
  }

  @Test
  void republishesAPlanOvertakenByAMoreSeverePlanOnTheSameQuery() {
    String service = uniqueService();
    BottleneckDetected query =
        Bottlenecks.of(
            "demo",
            service,
            BottleneckType.SLOW_QUERY,
            Severity.HIGH,
            "query:9f2c1a",
            new Impact(25000, "ms", "100 calls of 250 ms"),
            "select * from order_line where order_id = ?",
            Map.of("calls", 100.0, "meanMs", 250.0, "seqScan", 1.0),
            List.of());
    BottleneckDetected nPlusOne =
        Bottlenecks.again(Bottlenecks.nPlusOne("demo", service, 10, 12), Severity.CRITICAL, 120);
    produce(query);
    PlanProposed first = EventJson.read(awaitPlanFor(query).value(), PlanProposed.class);
    assertThat(first.rank()).isEqualTo(1);

    produce(nPlusOne);
    PlanProposed nPlusOnePlan = EventJson.read(awaitPlanFor(nPlusOne).value(), PlanProposed.class);

    ConsumerRecord<String, String> reranked =
        kafka()
            .await(
                Topics.PLANS,
                record ->
                    record.value().contains(query.fingerprint())
                        && !record.value().contains(first.eventId().toString()),
                TIMEOUT);
    PlanProposed again = EventJson.read(reranked.value(), PlanProposed.class);
    assertThat(again.planId()).isEqualTo(first.planId());
    assertThat(again.rank()).isEqualTo(2);
    assertThat(again.dependsOn()).containsExactly(nPlusOnePlan.planId());
    assertThat(nPlusOnePlan.rank()).isEqualTo(1);
  }
}
