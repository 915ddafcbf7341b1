package io.hotpath.tracker.messaging;

import static io.hotpath.tracker.TrackerTestSupport.DEMO_TOKEN;
import static io.hotpath.tracker.TrackerTestSupport.TIMEOUT;
import static io.hotpath.tracker.TrackerTestSupport.awaitDeadLetter;
import static io.hotpath.tracker.TrackerTestSupport.deadLetterReason;
import static io.hotpath.tracker.TrackerTestSupport.deadLettersOf;
import static io.hotpath.tracker.TrackerTestSupport.matrixOf;
import static io.hotpath.tracker.TrackerTestSupport.produceInOneBurst;
import static io.hotpath.tracker.TrackerTestSupport.uniqueService;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.localstack.HotpathStackResource;
import io.hotpath.tracker.Events;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Many plans applied as one batch (one poll of {@code hotpath.plans.v1}, one transaction), against
 * the real broker and PostgreSQL: each plan attached to its bottleneck exactly once, the newest
 * plan per bottleneck kept, redelivery changing nothing, and a bad record dead-lettered alone.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class BatchedPlanTest {
  private static final int BOTTLENECKS = 24;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject MatrixUpdates updates;

  @Test
  void attachesABurstOfPlansToTheirBottlenecksEachExactlyOnce() throws Throwable {
    String service = uniqueService();
    List<BottleneckDetected> bottlenecks = locationsOf(service, BOTTLENECKS);
    VertxContextSupport.subscribeAndAwait(() -> updates.recordDetections(bottlenecks));
    List<PlanProposed> plans = bottlenecks.stream().map(Events::planFor).toList();
    List<String> burst = new ArrayList<>(plans.stream().map(EventJson::write).toList());
    burst.add(EventJson.write(plans.get(3))); // delivered twice: counts once

    produceInOneBurst(bootstrap, Topics.PLANS, "demo/" + service, burst);

    Map<String, String> expected = new HashMap<>();
    plans.forEach(p -> expected.put(p.bottleneckFingerprint(), p.planId()));
    JsonPath page = awaitPlans(service, BOTTLENECKS);
    Map<String, String> attached = new HashMap<>();
    for (int i = 0; i < BOTTLENECKS; i++) {
      attached.put(
          page.getString("items[" + i + "].fingerprint"),
          page.getString("items[" + i + "].plan.planId"));
    }
    assertThat(attached).isEqualTo(expected);
    assertThat(planRows(service)).hasSize(BOTTLENECKS);
    assertThat(processedPlanEvents(plans)).isEqualTo(BOTTLENECKS);
  }

  @Test
  void keepsTheNewestPlanPerBottleneckInRecordOrderWithinOneBatch() throws Throwable {
    String service = uniqueService();
    BottleneckDetected bottleneck = locationsOf(service, 1).get(0);
    PlanProposed first = Events.planFor(bottleneck);
    PlanProposed newer = replan(first, "plan-newer", first.eventTime().plusSeconds(60));
    PlanProposed older = replan(first, "plan-older", first.eventTime().plusSeconds(30));

    apply(List.of(first, newer, older));

    assertThat(planRows(service)).extracting(r -> r.split(" ")[1]).containsExactly("plan-newer");
  }

  @Test
  void changesNothingWhenTheSameBatchIsDeliveredAgain() throws Throwable {
    String service = uniqueService();
    List<PlanProposed> plans = locationsOf(service, 10).stream().map(Events::planFor).toList();
    apply(plans);
    List<String> before = planRows(service);

    apply(plans);
    apply(plans.subList(2, 7));

    assertThat(planRows(service)).hasSize(10).isEqualTo(before);
    assertThat(processedPlanEvents(plans)).isEqualTo(10);
  }

  @Test
  void sendsAnUnreadablePlanInsideAPollToTheDeadLetterTopicAndKeepsTheRest() throws Throwable {
    String service = uniqueService();
    List<PlanProposed> good = locationsOf(service, 12).stream().map(Events::planFor).toList();
    String poison = "{\"schemaVersion\":1,\"tenant\":\"demo\",\"service\":\"" + service + "\"}";

    produceInOneBurst(bootstrap, Topics.PLANS, "demo/" + service, withInTheMiddle(good, poison));

    ConsumerRecord<String, String> dead = awaitDeadLetter(bootstrap, Topics.PLANS, poison);
    assertThat(deadLetterReason(dead)).contains("eventId is required");
    awaitPlanRows(service, good.size());
    assertThat(deadLettersOf(bootstrap, Topics.PLANS, service))
        .extracting(ConsumerRecord::value)
        .containsExactly(poison);
  }

  @Test
  void appliesAPollOneRecordAtATimeWhenItsTransactionFailsAndDeadLettersOnlyTheCulprit()
      throws Throwable {
    String service = uniqueService();
    List<BottleneckDetected> bottlenecks = locationsOf(service, 13);
    List<PlanProposed> good = bottlenecks.subList(0, 12).stream().map(Events::planFor).toList();
    // Readable, but the database refuses it (plan id longer than its column): the poll's
    // transaction fails as a whole, and only this record may end up in the dead-letter topic.
    PlanProposed refused =
        replan(Events.planFor(bottlenecks.get(12)), "p".repeat(100), Instant.now());
    String culprit = EventJson.write(refused);

    produceInOneBurst(bootstrap, Topics.PLANS, "demo/" + service, withInTheMiddle(good, culprit));

    ConsumerRecord<String, String> dead = awaitDeadLetter(bootstrap, Topics.PLANS, culprit);
    assertThat(deadLetterReason(dead)).containsIgnoringCase("too long");
    awaitPlanRows(service, good.size());
    assertThat(deadLettersOf(bootstrap, Topics.PLANS, service))
        .extracting(ConsumerRecord::value)
        .containsExactly(culprit);
    assertThat(planRows(service))
        .extracting(r -> r.split(" ")[0])
        .containsExactlyInAnyOrderElementsOf(
            good.stream().map(PlanProposed::bottleneckFingerprint).toList())
        .doesNotContain(refused.bottleneckFingerprint());
  }

  /** {@code n} bottlenecks of one demo service at distinct locations. */
  private static List<BottleneckDetected> locationsOf(String service, int n) {
    BottleneckDetected base = Events.slowStartup("demo", service, 2300);
    return IntStream.range(0, n)
        .mapToObj(i -> Events.elsewhere(base, "startup-phase:phase-" + i, Severity.MEDIUM))
        .toList();
  }

  /** Another plan for the same bottleneck, with its own event id. */
  private static PlanProposed replan(PlanProposed p, String planId, Instant eventTime) {
    return new PlanProposed(
        UUID.randomUUID(),
        p.schemaVersion(),
        p.tenant(),
        p.service(),
        p.environment(),
        p.version(),
        p.instance(),
        eventTime,
        planId,
        p.bottleneckFingerprint(),
        p.bottleneckType(),
        p.severity(),
        p.strategy(),
        p.rollback(),
        p.effort(),
        p.rank(),
        p.dependsOn(),
        p.catalogVersion());
  }

  private static List<String> withInTheMiddle(List<PlanProposed> plans, String middle) {
    List<String> values = new ArrayList<>();
    int half = plans.size() / 2;
    plans.subList(0, half).forEach(p -> values.add(EventJson.write(p)));
    values.add(middle);
    plans.subList(half, plans.size()).forEach(p -> values.add(EventJson.write(p)));
    return values;
  }

  private void apply(List<PlanProposed> batch) throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> updates.recordPlans(batch));
  }

  /** The service's stored plans: fingerprint, plan id, proposed and updated times. */
  private static List<String> planRows(String service) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () ->
                    Panache.getSession()
                        .chain(
                            session ->
                                session
                                    .createNativeQuery(
                                        "select bottleneck_fingerprint || ' ' || plan_id || ' '"
                                            + " || proposed_at || ' ' || updated_at from"
                                            + " bottleneck_plan where tenant = 'demo' and service"
                                            + " = :service order by bottleneck_fingerprint",
                                        String.class)
                                    .setParameter("service", service)
                                    .getResultList())));
  }

  private static long processedPlanEvents(List<PlanProposed> plans) throws Throwable {
    List<UUID> ids = plans.stream().map(PlanProposed::eventId).toList();
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () ->
                    Panache.getSession()
                        .chain(
                            session ->
                                session
                                    .createNativeQuery(
                                        "select count(*) from processed_event where consumer ="
                                            + " :consumer and event_id in (:ids)",
                                        Long.class)
                                    .setParameter("consumer", MatrixUpdates.PLANS_CONSUMER)
                                    .setParameter("ids", ids)
                                    .getSingleResult())));
  }

  private static JsonPath awaitPlans(String service, int plans) {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () -> matrixOf(DEMO_TOKEN, service),
            page ->
                page.getList("items").size() == plans
                    && page.getList("items.plan").stream().allMatch(p -> p != null));
  }

  private static void awaitPlanRows(String service, int rows) {
    Awaitility.await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              try {
                return planRows(service).size() == rows;
              } catch (Throwable failure) {
                throw new IllegalStateException(failure);
              }
            });
  }
}
