package io.hotpath.planner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.CoverageGapFound;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.planner.Bottlenecks;
import io.hotpath.planner.TestConfig;
import io.hotpath.planner.coverage.CoverageReport;
import io.hotpath.planner.playbook.Catalogs;
import io.hotpath.planner.playbook.PlaybookCatalog;
import io.hotpath.planner.service.PlannerService.Decision;
import io.hotpath.planner.service.PlannerService.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerServiceTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PlaybookCatalog shipped = CatalogProducer.load(new TestConfig().catalog());
  private final PlannerService planner =
      new PlannerService(Catalogs.of(shipped), registry, new TestConfig());

  /** Decides and, as the consumer does once Kafka acknowledged, lets the decision take effect. */
  private Decision handle(BottleneckDetected bottleneck) {
    Decision decision = planner.decide(bottleneck);
    planner.handled(decision);
    return decision;
  }

  private static BottleneckDetected slowQuery(
      String service, Severity severity, String location, double meanMs) {
    return Bottlenecks.of(
        "acme",
        service,
        BottleneckType.SLOW_QUERY,
        severity,
        location,
        new Impact(meanMs * 100, "ms", "100 calls"),
        "select * from orders where customer_id = ?",
        Map.of("calls", 100.0, "meanMs", meanMs, "seqScan", 1.0),
        List.of());
  }

  private static BottleneckDetected cacheMisses(Severity severity) {
    return Bottlenecks.of(
        "acme",
        "checkout",
        BottleneckType.CACHE_MISS_RATE,
        severity,
        "cache:prices",
        new Impact(18, "% misses", "hit rate 0.82 on cache:prices"),
        "cache prices misses",
        Map.of("hitRate", 0.82),
        List.of());
  }

  @Test
  void plansASlowStartup() {
    Decision decision = handle(Bottlenecks.slowStartup("acme", "checkout", 2300));

    assertThat(decision.kind()).isEqualTo(Kind.PLAN);
    assertThat(decision.plan()).hasValueSatisfying(p -> assertThat(p.rank()).isEqualTo(1));
    assertThat(registry.get("hotpath.planner.plans").tag("type", "SLOW_STARTUP").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void publishesAndCountsAGapForACriticalWhoseEvidenceLacksTheFormulasMeasurements() {
    BottleneckDetected unmeasured = Bottlenecks.unmeasuredNPlusOne("acme", "checkout");

    Decision decision = handle(unmeasured);

    assertThat(decision.kind()).isEqualTo(Kind.GAP);
    assertThat(decision.plan()).isEmpty();
    CoverageGapFound gap = decision.gap().orElseThrow();
    assertThat(gap.eventId())
        .isEqualTo(EventIds.derived(unmeasured.eventId(), shipped.version(), "coverage-gap"));
    assertThat(gap.bottleneckFingerprint()).isEqualTo(unmeasured.fingerprint());
    assertThat(gap.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(gap.reason()).isEqualTo(CoverageGapFound.MISSING_EVIDENCE);
    assertThat(gap.detail()).contains("totalMs").contains("n-plus-one-batch-load");
    assertThat(
            registry
                .get("hotpath.planner.unplanned")
                .tag("type", "N_PLUS_ONE")
                .tag("reason", "missing-evidence")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("hotpath.planner.coverage.gaps")
                .tag("severity", "CRITICAL")
                .tag("reason", "missing-evidence")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("hotpath.planner.coverage.gaps.open").gauge().value()).isEqualTo(1.0);
    CoverageReport coverage = planner.coverage("acme", "checkout").orElseThrow();
    assertThat(coverage.complete()).isFalse();
    assertThat(coverage.gaps()).isEqualTo(1);
    assertThat(coverage.bySeverity().get(Severity.CRITICAL).gaps()).isEqualTo(1);
  }

  @Test
  void publishesAGapWhenNoPlaybookAppliesToTheType() {
    String onlyStartup =
        """
        playbooks:
          - id: slow-startup-lazy-init
            bottleneckType: SLOW_STARTUP
            approach: Lazy loading
            steps: ["Defer {location}"]
            validation: {metric: "startup[{location}]", target: "<= {threshold}"}
            risk: LOW
            effort: {size: S, days: 2}
            rollback: {method: FEATURE_FLAG, automated: true, timeToRollback: PT1M, steps: ["off"]}
            expectedImprovement:
              method: EXCESS_OVER_THRESHOLD
              measurement: durationMs
              threshold: thresholdMs
              unit: ms
              summary: "{value} {unit}"
        """;
    PlannerService narrow =
        new PlannerService(
            Catalogs.of(
                PlaybookCatalog.parse("only.yaml", onlyStartup.getBytes(StandardCharsets.UTF_8))),
            registry,
            new TestConfig());

    Decision decision = narrow.decide(Bottlenecks.nPlusOne("acme", "checkout", 10, 12));

    assertThat(decision.kind()).isEqualTo(Kind.GAP);
    assertThat(decision.gap().orElseThrow().reason()).isEqualTo(CoverageGapFound.NO_PLAYBOOK);
  }

  @Test
  void skipsAnEventItAlreadyHandled() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("acme", "checkout", 2300);
    handle(bottleneck);

    assertThat(planner.decide(bottleneck).kind()).isEqualTo(Kind.REPEAT);
    assertThat(registry.get("hotpath.planner.plans").tag("type", "SLOW_STARTUP").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void decidesTheSameEventIdAgainForAnInputWhosePlanWasNotPublished() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("acme", "checkout", 2300);

    Decision first = planner.decide(bottleneck);
    Decision retried = planner.decide(bottleneck);

    assertThat(retried.kind()).isEqualTo(Kind.PLAN);
    assertThat(retried.plan().map(PlanProposed::eventId))
        .isEqualTo(first.plan().map(PlanProposed::eventId));
  }

  @Test
  void dropsABottleneckReportedGoneFromTheOrder() {
    BottleneckDetected first = slowQuery("checkout", Severity.CRITICAL, "query:aaa", 300);
    BottleneckDetected second = slowQuery("checkout", Severity.HIGH, "query:bbb", 300);
    handle(first);
    assertThat(handle(second).plan().orElseThrow().rank()).isEqualTo(2);

    Decision gone = handle(Bottlenecks.gone(first));

    assertThat(gone.kind()).isEqualTo(Kind.GONE);
    assertThat(gone.plan()).isEmpty();
    assertThat(gone.reranked())
        .singleElement()
        .satisfies(
            plan -> {
              assertThat(plan.bottleneckFingerprint()).isEqualTo(second.fingerprint());
              assertThat(plan.rank()).isEqualTo(1);
            });
    assertThat(planner.planOf("acme", first.fingerprint())).isEmpty();
    assertThat(planner.planOf("acme", second.fingerprint()).orElseThrow().rank()).isEqualTo(1);
    assertThat(planner.servicePlan("acme", "checkout").orElseThrow().plans())
        .extracting(PlanProposed::bottleneckFingerprint)
        .containsExactly(second.fingerprint());
  }

  @Test
  void doesNotReplanARepeatWithTheSameSeverityAndImpactBand() {
    BottleneckDetected first = slowQuery("checkout", Severity.HIGH, "query:aaa", 300);
    handle(first);

    // 30000 -> 31000 ms: the same band with a ratio of 2 (16384..32767).
    Decision repeat = handle(Bottlenecks.again(first, Severity.HIGH, 31000));

    assertThat(repeat.kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(repeat.plan()).isEmpty();
  }

  @Test
  void replansWhenTheSeverityChanges() {
    BottleneckDetected first = slowQuery("checkout", Severity.HIGH, "query:aaa", 300);
    PlanProposed before = handle(first).plan().orElseThrow();

    Decision escalated = handle(Bottlenecks.again(first, Severity.CRITICAL, 30000));

    assertThat(escalated.kind()).isEqualTo(Kind.PLAN);
    PlanProposed after = escalated.plan().orElseThrow();
    assertThat(after.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(after.planId()).isEqualTo(before.planId());
    assertThat(after.eventId()).isNotEqualTo(before.eventId());
  }

  @Test
  void replansWhenTheImpactMovesToAnotherBand() {
    BottleneckDetected first = slowQuery("checkout", Severity.HIGH, "query:aaa", 300);
    handle(first);

    assertThat(handle(Bottlenecks.again(first, Severity.HIGH, 70000)).kind()).isEqualTo(Kind.PLAN);
  }

  @Test
  void defersALowBottleneckWithAJustificationAndTheImpactOfNotFixingIt() {
    BottleneckDetected low = cacheMisses(Severity.LOW);

    Decision decision = handle(low);

    assertThat(decision.kind()).isEqualTo(Kind.DEFER);
    assertThat(decision.plan()).isEmpty();
    assertThat(decision.gap()).isEmpty();
    CoverageReport coverage = planner.coverage("acme", "checkout").orElseThrow();
    assertThat(coverage.complete()).isTrue();
    assertThat(coverage.deferred()).isEqualTo(1);
    CoverageReport.Entry entry = coverage.bottlenecks().get(0);
    assertThat(entry.status()).isEqualTo(CoverageReport.Status.DEFERRED);
    assertThat(entry.justification()).contains("cache:prices").doesNotContain("{");
    assertThat(entry.impactOfNotFixing()).isEqualTo("hit rate 0.82 on cache:prices");
  }

  @Test
  void neverDefersACriticalOrHighEvenWhereThePlaybookDefersLow() {
    assertThat(handle(cacheMisses(Severity.CRITICAL)).kind()).isEqualTo(Kind.PLAN);
    assertThat(planner.coverage("acme", "checkout").orElseThrow().deferred()).isZero();
  }

  @Test
  void ordersBySeverityAndMakesPlansOnOneQueryDependOnTheMoreSevere() {
    BottleneckDetected slow = slowQuery("orders", Severity.HIGH, "query:9f2c1a", 300);
    BottleneckDetected nPlusOne = Bottlenecks.nPlusOne("acme", "orders", 10, 12);
    BottleneckDetected elsewhere = slowQuery("orders", Severity.MEDIUM, "query:ffff", 300);
    BottleneckDetected critical =
        Bottlenecks.again(nPlusOne, Severity.CRITICAL, nPlusOne.impact().value());
    PlanProposed slowPlan = handle(slow).plan().orElseThrow();
    PlanProposed elsewherePlan = handle(elsewhere).plan().orElseThrow();
    Decision overtaking = planner.decide(critical);
    Decision redelivered = planner.decide(critical);
    planner.handled(overtaking);
    PlanProposed nPlusOnePlan = overtaking.plan().orElseThrow();

    // The plans it overtakes are re-published with their new rank and dependencies.
    assertThat(nPlusOnePlan.rank()).isEqualTo(1);
    assertThat(overtaking.reranked())
        .extracting(PlanProposed::planId, PlanProposed::rank, PlanProposed::dependsOn)
        .containsExactly(
            tuple(slowPlan.planId(), 2, List.of(nPlusOnePlan.planId())),
            tuple(elsewherePlan.planId(), 3, List.of()));
    assertThat(overtaking.reranked())
        .extracting(PlanProposed::eventId)
        .doesNotContain(slowPlan.eventId(), elsewherePlan.eventId())
        .containsExactlyElementsOf(
            redelivered.reranked().stream().map(PlanProposed::eventId).toList());

    ServicePlan plan = planner.servicePlan("acme", "orders").orElseThrow();

    assertThat(plan.plans())
        .extracting(PlanProposed::bottleneckFingerprint)
        .containsExactly(nPlusOne.fingerprint(), slow.fingerprint(), elsewhere.fingerprint());
    assertThat(plan.plans()).extracting(PlanProposed::rank).containsExactly(1, 2, 3);
    assertThat(plan.plans().get(1).dependsOn()).containsExactly(nPlusOnePlan.planId());
    assertThat(plan.plans().get(2).dependsOn()).isEmpty();
    assertThat(plan.graph().edges())
        .singleElement()
        .satisfies(
            edge -> {
              assertThat(edge.from()).isEqualTo(nPlusOnePlan.planId());
              assertThat(edge.reasons()).containsExactly("same query:9f2c1a");
            });
    assertThat(plan.graph().cycles()).isEmpty();
  }

  @Test
  void sizesThePoolAfterTheServicesSlowQueries() {
    BottleneckDetected pool =
        Bottlenecks.of(
            "acme",
            "orders",
            BottleneckType.DB_POOL_SATURATION,
            Severity.CRITICAL,
            "db-pool:orders",
            new Impact(12, "pending", "12 requests wait for a connection"),
            "pool saturated",
            Map.of("poolUsage", 1.0, "pending", 12.0),
            List.of());
    PlanProposed query =
        handle(slowQuery("orders", Severity.HIGH, "query:aaa", 300)).plan().orElseThrow();

    PlanProposed poolPlan = handle(pool).plan().orElseThrow();

    assertThat(poolPlan.dependsOn()).containsExactly(query.planId());
    assertThat(poolPlan.rank()).isEqualTo(2);
  }

  @Test
  void showsATenantNothingOfAnotherTenant() {
    BottleneckDetected acme = Bottlenecks.slowStartup("acme", "checkout", 2300);
    handle(acme);

    assertThat(planner.planOf("acme", acme.fingerprint())).isPresent();
    assertThat(planner.planOf("globex", acme.fingerprint())).isEmpty();
    assertThat(planner.tracked("globex", acme.fingerprint())).isEmpty();
    assertThat(planner.servicePlan("globex", "checkout")).isEmpty();
    assertThat(planner.coverage("globex", "checkout")).isEmpty();
  }
}
