package io.hotpath.planner.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.planner.Bottlenecks;
import io.hotpath.planner.service.DependencyGraph.Node;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

  private static Node node(
      String id,
      BottleneckType type,
      Severity severity,
      double impact,
      double days,
      Set<String> touches,
      Set<BottleneckType> after) {
    return new Node(id, "fp-" + id, type, severity, "loc-" + id, impact, days, T, touches, after);
  }

  private static Node node(String id, Severity severity, double impact, double days) {
    return node(id, BottleneckType.CPU_HOTSPOT, severity, impact, days, Set.of(id), Set.of());
  }

  private static List<String> ids(DependencyGraph.Result result) {
    return result.order().stream().map(Node::planId).toList();
  }

  @Test
  void ranksBySeverityThenImpactPerDayOfEffort() {
    var result =
        DependencyGraph.of(
            List.of(
                node("medium", Severity.MEDIUM, 10_000, 1),
                node("high-slow", Severity.HIGH, 400, 4),
                node("high-quick", Severity.HIGH, 300, 1),
                node("critical", Severity.CRITICAL, 1, 10)));

    assertThat(ids(result)).containsExactly("critical", "high-quick", "high-slow", "medium");
    assertThat(result.rankOf("high-slow")).isEqualTo(3);
    assertThat(result.edges()).isEmpty();
  }

  @Test
  void makesAPlanOnTheSameFrameWaitForTheHigherRankedOne() {
    var result =
        DependencyGraph.of(
            List.of(
                node(
                    "lock",
                    BottleneckType.LOCK_CONTENTION,
                    Severity.MEDIUM,
                    50,
                    4,
                    Set.of("com.acme.Orders.load"),
                    Set.of()),
                node(
                    "hot",
                    BottleneckType.CPU_HOTSPOT,
                    Severity.HIGH,
                    20,
                    3,
                    Set.of("com.acme.Orders.load"),
                    Set.of())));

    assertThat(ids(result)).containsExactly("hot", "lock");
    assertThat(result.dependsOn("lock")).containsExactly("hot");
    assertThat(result.dependsOn("hot")).isEmpty();
    assertThat(result.edges().get(0).reasons()).containsExactly("same com.acme.Orders.load");
  }

  @Test
  void putsAPlanAfterTheTypesItsPlaybookNamesEvenWhenItRanksHigher() {
    var result =
        DependencyGraph.of(
            List.of(
                node(
                    "pool",
                    BottleneckType.DB_POOL_SATURATION,
                    Severity.CRITICAL,
                    100,
                    1,
                    Set.of("db-pool:main"),
                    Set.of(BottleneckType.SLOW_QUERY)),
                node(
                    "query",
                    BottleneckType.SLOW_QUERY,
                    Severity.MEDIUM,
                    10,
                    1,
                    Set.of("query:1"),
                    Set.of())));

    assertThat(ids(result)).containsExactly("query", "pool");
    assertThat(result.dependsOn("pool")).containsExactly("query");
    assertThat(result.cycles()).isEmpty();
  }

  @Test
  void detectsATwoPlanCycleAndLetsTheHigherRankedGoFirst() {
    // Shared frame: "pool" (CRITICAL) before "query"; pool's playbook: after SLOW_QUERY.
    var result =
        DependencyGraph.of(
            List.of(
                node(
                    "query",
                    BottleneckType.SLOW_QUERY,
                    Severity.HIGH,
                    10,
                    1,
                    Set.of("com.acme.Repo.find"),
                    Set.of()),
                node(
                    "pool",
                    BottleneckType.DB_POOL_SATURATION,
                    Severity.CRITICAL,
                    100,
                    1,
                    Set.of("com.acme.Repo.find"),
                    Set.of(BottleneckType.SLOW_QUERY))));

    assertThat(result.cycles()).containsExactly(List.of("pool", "query"));
    assertThat(ids(result)).containsExactly("pool", "query");
    assertThat(result.dependsOn("query")).containsExactly("pool");
    assertThat(result.dependsOn("pool")).isEmpty();
    assertThat(result.edges())
        .filteredOn(DependencyGraph.Edge::broken)
        .singleElement()
        .satisfies(
            edge -> {
              assertThat(edge.from()).isEqualTo("query");
              assertThat(edge.to()).isEqualTo("pool");
            });
  }

  @Test
  void detectsALongerCycleAndStillOrdersEveryPlan() {
    var result =
        DependencyGraph.of(
            List.of(
                node(
                    "cpu",
                    BottleneckType.CPU_HOTSPOT,
                    Severity.HIGH,
                    30,
                    1,
                    Set.of("a"),
                    Set.of(BottleneckType.LOCK_CONTENTION)),
                node(
                    "lock",
                    BottleneckType.LOCK_CONTENTION,
                    Severity.HIGH,
                    20,
                    1,
                    Set.of("b"),
                    Set.of(BottleneckType.MEMORY_LEAK)),
                node(
                    "leak",
                    BottleneckType.MEMORY_LEAK,
                    Severity.HIGH,
                    10,
                    1,
                    Set.of("c"),
                    Set.of(BottleneckType.CPU_HOTSPOT)),
                node(
                    "other",
                    BottleneckType.SLOW_STARTUP,
                    Severity.LOW,
                    1,
                    1,
                    Set.of("d"),
                    Set.of())));

    assertThat(result.cycles()).hasSize(1);
    assertThat(result.cycles().get(0)).containsExactlyInAnyOrder("cpu", "lock", "leak");
    assertThat(ids(result)).containsExactly("cpu", "leak", "lock", "other");
    // Every dependency the order keeps is honoured.
    for (Node plan : result.order()) {
      for (String before : result.dependsOn(plan.planId())) {
        assertThat(result.rankOf(before)).isLessThan(result.rankOf(plan.planId()));
      }
    }
  }

  @Test
  void meetsAHotFrameALockAtItARegressionOfItAndATopApplicationFrame() {
    var hot =
        Bottlenecks.of(
            "a",
            "s",
            BottleneckType.CPU_HOTSPOT,
            Severity.HIGH,
            "frame:com.acme.Orders.load",
            new Impact(1, "%", "x"),
            "d",
            Map.of(),
            List.of());
    var lock =
        Bottlenecks.of(
            "a",
            "s",
            BottleneckType.LOCK_CONTENTION,
            Severity.HIGH,
            "lock:com.acme.Orders.load",
            new Impact(1, "ms", "x"),
            "d",
            Map.of(),
            List.of());
    var regression =
        Bottlenecks.of(
            "a",
            "s",
            BottleneckType.REGRESSION,
            Severity.HIGH,
            "regression:frame:com.acme.Orders.load",
            new Impact(1, "ms", "x"),
            "d",
            Map.of(),
            List.of());
    var leak =
        Bottlenecks.of(
            "a",
            "s",
            BottleneckType.MEMORY_LEAK,
            Severity.HIGH,
            "heap:s",
            new Impact(1, "MB/hour", "x"),
            "d",
            Map.of(),
            List.of("com.acme.Main.main", "com.acme.Orders.load", "java.util.HashMap.put"));

    assertThat(DependencyGraph.touches(hot)).containsExactly("com.acme.Orders.load");
    assertThat(DependencyGraph.touches(lock)).containsExactly("com.acme.Orders.load");
    assertThat(DependencyGraph.touches(regression)).containsExactly("com.acme.Orders.load");
    assertThat(DependencyGraph.touches(leak)).contains("com.acme.Orders.load");
  }

  @Test
  void meetsAnNPlusOneUnderARouteWithTheQueryAndTheRoute() {
    var nPlusOne =
        Bottlenecks.of(
            "a",
            "s",
            BottleneckType.N_PLUS_ONE,
            Severity.HIGH,
            "get /orders/{id} -> query:9f2c1a",
            new Impact(1, "ms", "x"),
            "d",
            Map.of(),
            List.of());
    var slowQuery =
        Bottlenecks.of(
            "a",
            "s",
            BottleneckType.SLOW_QUERY,
            Severity.HIGH,
            "query:9f2c1a",
            new Impact(1, "ms", "x"),
            "d",
            Map.of(),
            List.of());
    var slowRoute =
        Bottlenecks.of(
            "a",
            "s",
            BottleneckType.SLOW_ENDPOINT,
            Severity.HIGH,
            "GET /orders/{id}",
            new Impact(1, "ms", "x"),
            "d",
            Map.of(),
            List.of());

    assertThat(DependencyGraph.touches(nPlusOne))
        .containsExactlyInAnyOrder("GET /orders/{id}", "query:9f2c1a");
    assertThat(DependencyGraph.touches(nPlusOne)).containsAll(DependencyGraph.touches(slowQuery));
    assertThat(DependencyGraph.touches(nPlusOne)).containsAll(DependencyGraph.touches(slowRoute));
  }
}
