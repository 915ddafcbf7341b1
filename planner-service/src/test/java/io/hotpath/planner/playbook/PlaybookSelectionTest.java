package io.hotpath.planner.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.planner.Bottlenecks;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which shipped playbook each kind of bottleneck gets, and what it promises from the evidence. */
class PlaybookSelectionTest {
  private static PlaybookCatalog catalog;

  @BeforeAll
  static void loadShippedCatalog() throws IOException {
    try (InputStream in =
        PlaybookSelectionTest.class.getClassLoader().getResourceAsStream("playbooks.yaml")) {
      catalog = PlaybookCatalog.parse("playbooks.yaml", in.readAllBytes());
    }
  }

  private static BottleneckDetected bottleneck(
      BottleneckType type, String location, String description, Map<String, Double> measured) {
    return bottleneck(type, location, description, measured, List.of());
  }

  private static BottleneckDetected bottleneck(
      BottleneckType type,
      String location,
      String description,
      Map<String, Double> measured,
      List<String> stack) {
    return Bottlenecks.of(
        "acme",
        "checkout",
        type,
        Severity.HIGH,
        location,
        new Impact(100, "ms", "costs 100 ms"),
        description,
        measured,
        stack);
  }

  private static PlanProposed plan(BottleneckDetected bottleneck) {
    Playbook playbook = catalog.select(bottleneck).orElseThrow();
    return PlanBuilder.build(bottleneck, playbook, catalog.version(), 1, Instant.EPOCH)
        .orElseThrow();
  }

  @Test
  void coversEveryBottleneckType() {
    assertThat(catalog.coveredTypes()).containsExactlyInAnyOrder(BottleneckType.values());
    Arrays.stream(BottleneckType.values())
        .forEach(type -> assertThat(catalog.playbooksFor(type)).as(type.name()).isNotEmpty());
  }

  @Test
  void indexesTheFilteredColumnsOfASlowQueryThatScansTheTable() {
    BottleneckDetected scan =
        bottleneck(
            BottleneckType.SLOW_QUERY,
            "query:5e1f0a",
            "select * from orders where customer_id = ?",
            Map.of("calls", 900.0, "meanMs", 250.0, "p95Ms", 400.0, "seqScan", 1.0));

    PlanProposed plan = plan(scan);

    assertThat(plan.strategy().playbookId()).isEqualTo("slow-query-index");
    assertThat(plan.strategy().approach()).isEqualTo("Index on the filtered columns");
    assertThat(plan.strategy().steps().get(0))
        .contains("select * from orders where customer_id = ?");
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(200.0);
    assertThat(plan.strategy().validation().target()).isEqualTo("<= 50");
    assertThat(plan.rollback().method()).isEqualTo(RollbackMethod.REVERT);
  }

  @Test
  void rewritesASlowQueryThatUsesAnIndex() {
    BottleneckDetected indexed =
        bottleneck(
            BottleneckType.SLOW_QUERY,
            "query:5e1f0a",
            "select * from orders",
            Map.of("calls", 900.0, "meanMs", 250.0, "seqScan", 0.0));

    assertThat(plan(indexed).strategy().playbookId()).isEqualTo("slow-query-rewrite");
    assertThat(plan(indexed).strategy().expectedImprovement().value()).isEqualTo(125.0);
  }

  @Test
  void batchLoadsAnNPlusOneSavingAllButOneRoundTrip() {
    PlanProposed plan = plan(Bottlenecks.nPlusOne("acme", "checkout", 10, 12));

    assertThat(plan.strategy().playbookId()).isEqualTo("n-plus-one-batch-load");
    assertThat(plan.strategy().approach()).contains("JOIN").contains("batch load");
    // 10 queries of 12 ms become one: 120 - 12.
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(108.0);
    assertThat(plan.strategy().expectedImprovement().unit()).isEqualTo("ms per request");
  }

  @Test
  void parallelizesSequentialQueriesDownToTheLongest() {
    PlanProposed plan =
        plan(
            bottleneck(
                BottleneckType.SEQUENTIAL_QUERIES,
                "GET /orders/{id}",
                "3 independent queries in sequence",
                Map.of("totalMs", 90.0, "parallelMs", 40.0)));

    assertThat(plan.strategy().playbookId()).isEqualTo("sequential-queries-parallel");
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(50.0);
    assertThat(plan.rollback().method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
  }

  @Test
  void boundsACacheThatLeaksAndHuntsOtherLeaksInAHeapDump() {
    BottleneckDetected inCache =
        bottleneck(
            BottleneckType.MEMORY_LEAK,
            "frame:com.acme.PriceCache.put",
            "heap-after-GC grows",
            Map.of("growthMbPerHour", 42.0));
    BottleneckDetected inMapOnTheStack =
        bottleneck(
            BottleneckType.MEMORY_LEAK,
            "heap:checkout",
            "heap-after-GC grows",
            Map.of("growthMbPerHour", 42.0),
            List.of("com.acme.Main.main", "java.util.HashMap.put"));
    BottleneckDetected elsewhere =
        bottleneck(
            BottleneckType.MEMORY_LEAK,
            "frame:com.acme.Listeners.register",
            "heap-after-GC grows",
            Map.of("growthMbPerHour", 42.0));

    assertThat(plan(inCache).strategy().playbookId()).isEqualTo("memory-leak-bounded-cache");
    assertThat(plan(inCache).strategy().approach()).contains("LRU");
    assertThat(plan(inCache).strategy().expectedImprovement().value()).isEqualTo(42.0);
    assertThat(plan(inMapOnTheStack).strategy().playbookId())
        .isEqualTo("memory-leak-bounded-cache");
    assertThat(plan(elsewhere).strategy().playbookId()).isEqualTo("memory-leak-fix-retention");
    assertThat(plan(elsewhere).strategy().steps()).anyMatch(step -> step.contains("heap dump"));
  }

  @Test
  void plansTheWholeStartAndStartupMemoryAsWellAsSlowPhases() {
    PlanProposed ready =
        plan(
            bottleneck(
                BottleneckType.SLOW_STARTUP,
                "startup:time-to-ready:cold",
                "COLD start was ready after 14000 ms",
                Map.of("timeToReadyMs", 14000.0, "thresholdMs", 10000.0, "goalMs", 10000.0)));
    PlanProposed memory =
        plan(
            bottleneck(
                BottleneckType.SLOW_STARTUP,
                "startup:memory",
                "startup memory 700 MB",
                Map.of("startupMemoryMb", 700.0, "threshold", 512.0)));

    assertThat(ready.strategy().playbookId()).isEqualTo("slow-startup-time-to-ready");
    assertThat(ready.strategy().expectedImprovement().value()).isEqualTo(4000.0);
    assertThat(memory.strategy().playbookId()).isEqualTo("slow-startup-memory");
    assertThat(memory.strategy().expectedImprovement().value()).isEqualTo(188.0);
    assertThat(memory.strategy().expectedImprovement().unit()).isEqualTo("MB");
  }

  @Test
  void revertsAFunctionWhoseShareOfCpuRegressed() {
    PlanProposed plan =
        plan(
            bottleneck(
                BottleneckType.REGRESSION,
                "regression:frame:com.acme.Pricing.discount",
                "share of CPU rose",
                Map.of("beforePercent", 4.0, "afterPercent", 11.5, "changePercent", 187.5)));

    assertThat(plan.strategy().playbookId()).isEqualTo("regression-revert-cpu-share");
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(7.5);
    assertThat(plan.strategy().expectedImprovement().unit()).isEqualTo("% cpu");
  }

  @Test
  void lazyLoadsASlowStartupPhaseBehindAFlag() {
    PlanProposed plan = plan(Bottlenecks.slowStartup("acme", "checkout", 2300));

    assertThat(plan.strategy().playbookId()).isEqualTo("slow-startup-lazy-init");
    assertThat(plan.rollback().method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
  }

  @Test
  void memoizesAtTheHotFrame() {
    PlanProposed plan =
        plan(
            bottleneck(
                BottleneckType.CPU_HOTSPOT,
                "frame:com.acme.Pricing.discount",
                "hot frame",
                Map.of("selfPercent", 18.0, "totalPercent", 30.0)));

    assertThat(plan.strategy().playbookId()).isEqualTo("cpu-hotspot-memoize");
    assertThat(plan.strategy().steps())
        .anyMatch(step -> step.contains("frame:com.acme.Pricing.discount"));
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(9.0);
    assertThat(plan.strategy().expectedImprovement().unit()).isEqualTo("% cpu");
  }

  @Test
  void narrowsCriticalSectionsWithOrWithoutMeasuredWaits() {
    PlanProposed measured = plan(Bottlenecks.lockContention("acme", "checkout"));
    PlanProposed fromImpact =
        plan(bottleneck(BottleneckType.LOCK_CONTENTION, "lock:Orders", "contended", Map.of()));

    assertThat(measured.strategy().playbookId()).isEqualTo("lock-contention-narrow");
    assertThat(measured.strategy().expectedImprovement().value()).isEqualTo(84.0);
    assertThat(fromImpact.strategy().playbookId()).isEqualTo("lock-contention-narrow-from-impact");
    assertThat(fromImpact.strategy().expectedImprovement().value()).isEqualTo(50.0);
    // The impact's own unit, as the formula names none.
    assertThat(fromImpact.strategy().expectedImprovement().unit()).isEqualTo("ms");
  }

  @Test
  void tunesACacheUpToTheHitRateGoal() {
    PlanProposed plan =
        plan(
            bottleneck(
                BottleneckType.CACHE_MISS_RATE, "cache:prices", "misses", Map.of("hitRate", 0.62)));

    assertThat(plan.strategy().playbookId()).isEqualTo("cache-miss-tune");
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(28.0);
    assertThat(plan.strategy().validation().target()).isEqualTo(">= 0.9");
    assertThat(plan.rollback().method()).isEqualTo(RollbackMethod.CONFIG_CHANGE);
  }

  @Test
  void sizesASaturatedPoolAfterTheQueriesThatHoldIt() {
    BottleneckDetected pool =
        bottleneck(
            BottleneckType.DB_POOL_SATURATION,
            "db-pool:orders",
            "pool saturated",
            Map.of("poolUsage", 0.98, "pending", 12.0));

    Playbook playbook = catalog.select(pool).orElseThrow();
    assertThat(playbook.id()).isEqualTo("db-pool-sizing");
    assertThat(playbook.after()).contains(BottleneckType.SLOW_QUERY, BottleneckType.N_PLUS_ONE);
    assertThat(plan(pool).strategy().expectedImprovement().value()).isEqualTo(28.0);
  }

  @Test
  void bringsASlowEndpointToItsGoalOrProfilesItWithoutOne() {
    PlanProposed toGoal =
        plan(
            Bottlenecks.of(
                "acme",
                "checkout",
                BottleneckType.SLOW_ENDPOINT,
                Severity.HIGH,
                "GET /orders/{id}",
                new Impact(1300, "ms", "GET /orders/{id} p95 1300 ms (goal <= 500 ms)"),
                "slow route",
                Map.of("p50Ms", 300.0, "p95Ms", 1300.0, "p99Ms", 2000.0, "goalMs", 500.0),
                List.of()));
    PlanProposed noGoal =
        plan(
            bottleneck(
                BottleneckType.SLOW_ENDPOINT,
                "GET /orders/{id}",
                "slow route",
                Map.of("p95Ms", 1000.0)));

    assertThat(toGoal.strategy().playbookId()).isEqualTo("slow-endpoint-to-goal");
    // The impact (the percentile over its goal, 1300 ms here) less the 500 ms goal.
    assertThat(toGoal.strategy().expectedImprovement().value()).isEqualTo(800.0);
    assertThat(noGoal.strategy().playbookId()).isEqualTo("slow-endpoint-profile");
    assertThat(noGoal.strategy().expectedImprovement().value()).isEqualTo(300.0);
  }

  @Test
  void addsResilienceForErrorsAndTimeouts() {
    PlanProposed errors =
        plan(
            bottleneck(
                BottleneckType.ERROR_RATE,
                "POST /payments",
                "502 from payment-gateway",
                Map.of("errorRate", 0.05)));
    PlanProposed timeouts =
        plan(
            bottleneck(
                BottleneckType.TIMEOUTS,
                "POST /payments",
                "read timeouts to payment-gateway",
                Map.of("timeoutRate", 0.1)));

    assertThat(errors.strategy().playbookId()).isEqualTo("error-rate-resilience");
    assertThat(errors.strategy().approach()).contains("circuit breaker");
    assertThat(errors.strategy().expectedImprovement().value()).isEqualTo(4.0);
    assertThat(timeouts.strategy().playbookId()).isEqualTo("timeouts-resilience");
    assertThat(timeouts.strategy().expectedImprovement().value()).isEqualTo(8.0);
  }

  @Test
  void revertsARegressionByRollingBackTheDeployment() {
    PlanProposed plan =
        plan(
            bottleneck(
                BottleneckType.REGRESSION,
                "regression:GET /orders/{id}",
                "p95 after deploy 1.4.2",
                Map.of("beforeMs", 120.0, "afterMs", 300.0, "changePercent", 150.0)));

    assertThat(plan.strategy().playbookId()).isEqualTo("regression-revert");
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(180.0);
    assertThat(plan.strategy().validation().target()).isEqualTo("<= 120");
    assertThat(plan.rollback().method()).isEqualTo(RollbackMethod.KUBERNETES_ROLLOUT_UNDO);
    assertThat(plan.rollback().automated()).isTrue();
  }

  @Test
  void leavesNoPlaceholderUnfilledInAnyShippedPlaybook() {
    // Every measurement any shipped formula reads, so every playbook can be built.
    Map<String, Double> all =
        Map.ofEntries(
            Map.entry("durationMs", 2000.0),
            Map.entry("timeToReadyMs", 12000.0),
            Map.entry("startupMemoryMb", 700.0),
            Map.entry("threshold", 500.0),
            Map.entry("beforePercent", 4.0),
            Map.entry("afterPercent", 9.0),
            Map.entry("thresholdMs", 1000.0),
            Map.entry("meanMs", 20.0),
            Map.entry("totalMs", 200.0),
            Map.entry("parallelMs", 50.0),
            Map.entry("growthMbPerHour", 10.0),
            Map.entry("selfPercent", 10.0),
            Map.entry("waitMs", 10.0),
            Map.entry("hitRate", 0.5),
            Map.entry("poolUsage", 0.9),
            Map.entry("p95Ms", 900.0),
            Map.entry("goalMs", 500.0),
            Map.entry("errorRate", 0.1),
            Map.entry("timeoutRate", 0.1),
            Map.entry("beforeMs", 10.0),
            Map.entry("afterMs", 20.0));
    for (Playbook playbook : catalog.playbooks()) {
      BottleneckDetected any = bottleneck(playbook.bottleneckType(), "frame:x", "described", all);
      PlanProposed plan =
          PlanBuilder.build(any, playbook, catalog.version(), 1, Instant.EPOCH).orElseThrow();
      List<String> texts = new java.util.ArrayList<>(plan.strategy().steps());
      texts.addAll(plan.rollback().steps());
      texts.add(plan.strategy().approach());
      texts.add(plan.strategy().validation().target());
      texts.add(plan.strategy().expectedImprovement().summary());
      assertThat(texts).as(playbook.id()).noneMatch(text -> text.matches(".*\\{[a-z]+}.*"));
    }
  }
}
