package io.hotpath.planner.service;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.CoverageGapFound;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.planner.config.PlannerConfig;
import io.hotpath.planner.coverage.CoverageReport;
import io.hotpath.planner.coverage.CoverageReport.Status;
import io.hotpath.planner.playbook.Catalogs;
import io.hotpath.planner.playbook.PlanBuilder;
import io.hotpath.planner.playbook.Playbook;
import io.hotpath.planner.playbook.PlaybookCatalog;
import io.hotpath.planner.playbook.Templates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Decides what becomes of each detected bottleneck: a plan with its place in the service's order, a
 * deferral (MEDIUM/LOW only, with a justification), or a coverage gap (published, counted, never
 * skipped in silence). Holds what it decided per service in memory; a decision takes effect only
 * through {@link #handled}, once what it publishes was acknowledged.
 */
@ApplicationScoped
public class PlannerService {
  private static final Logger LOG = Logger.getLogger(PlannerService.class);

  private final Catalogs catalogs;
  private final MeterRegistry registry;
  private final RecentEventIds recent;
  private final double bandRatio;

  /** True while restoring: decisions are neither counted nor logged again. */
  private boolean quiet;

  /** By {@code tenant/service}, by fingerprint. */
  private final Map<String, Map<String, Tracked>> services = new HashMap<>();

  public PlannerService(Catalogs catalogs, MeterRegistry registry, PlannerConfig config) {
    this.catalogs = catalogs;
    this.registry = registry;
    this.recent = new RecentEventIds(config.recentEventIds());
    this.bandRatio = config.replan().impactBandRatio();
    if (!(bandRatio > 1)) {
      throw new IllegalArgumentException(
          "hotpath.planner.replan.impact-band-ratio must be greater than 1");
    }
    Gauge.builder("hotpath.planner.coverage.gaps.open", this, PlannerService::openGaps)
        .description("Active bottlenecks that are coverage gaps right now")
        .register(registry);
  }

  /**
   * What the planner holds for one bottleneck.
   *
   * @param plan the plan as last published (PLANNED)
   * @param band the impact band the outcome was decided in
   */
  public record Tracked(
      BottleneckDetected bottleneck,
      Status status,
      Playbook playbook,
      String catalogVersion,
      PlanProposed plan,
      CoverageGapFound gap,
      String justification,
      String impactOfNotFixing,
      int band) {
    Tracked withLatest(BottleneckDetected latest) {
      return new Tracked(
          latest,
          status,
          playbook,
          catalogVersion,
          plan,
          gap,
          justification,
          impactOfNotFixing,
          band);
    }
  }

  /** What to do with one input. */
  public enum Kind {
    /** An input already handled. */
    REPEAT,
    /** The analyzer no longer sees it: it leaves the order and the coverage report. */
    GONE,
    /** Same outcome, severity and impact band as before: nothing new to publish. */
    UNCHANGED,
    PLAN,
    DEFER,
    GAP
  }

  /**
   * @param next what the planner holds once the decision is handled (PLAN, DEFER, GAP, UNCHANGED)
   */
  public record Decision(
      BottleneckDetected bottleneck,
      Kind kind,
      Tracked next,
      Optional<PlanProposed> plan,
      Optional<CoverageGapFound> gap,
      List<PlanProposed> reranked) {
    Decision(
        BottleneckDetected bottleneck,
        Kind kind,
        Tracked next,
        Optional<PlanProposed> plan,
        Optional<CoverageGapFound> gap) {
      this(bottleneck, kind, next, plan, gap, List.of());
    }

    static Decision of(BottleneckDetected bottleneck, Kind kind) {
      return new Decision(bottleneck, kind, null, Optional.empty(), Optional.empty());
    }

    Decision withReranked(List<PlanProposed> plans) {
      return new Decision(bottleneck, kind, next, plan, gap, List.copyOf(plans));
    }

    /** Every plan event to publish: the bottleneck's own first, then the re-ranked others. */
    public List<PlanProposed> plans() {
      List<PlanProposed> all = new ArrayList<>();
      plan.ifPresent(all::add);
      all.addAll(reranked);
      return all;
    }
  }

  /**
   * Decides, without changing what the planner holds: call {@link #handled} once the decision's
   * plan or gap is published. Deciding twice on the same input yields the same event ids.
   */
  public synchronized Decision decide(BottleneckDetected bottleneck) {
    Decision decision = decideOwn(bottleneck);
    return switch (decision.kind()) {
      case REPEAT, UNCHANGED -> decision;
      default -> decision.withReranked(reranked(decision));
    };
  }

  /**
   * The other plans of the service whose rank or dependencies change with this decision (a plan
   * that overtakes them or becomes their prerequisite, one that leaves the order), re-issued with
   * event ids derived from the deciding input so that a redelivery yields the same ones.
   */
  private List<PlanProposed> reranked(Decision decision) {
    BottleneckDetected trigger = decision.bottleneck();
    Map<String, Tracked> others = new LinkedHashMap<>(service(trigger));
    others.remove(trigger.fingerprint());
    List<DependencyGraph.Node> nodes = nodes(others.values());
    if (nodes.isEmpty()) {
      return List.of();
    }
    if (decision.kind() == Kind.PLAN) {
      nodes.add(node(trigger, decision.next().playbook(), decision.plan().orElseThrow().planId()));
    }
    DependencyGraph.Result order = DependencyGraph.of(nodes);
    List<PlanProposed> changed = new ArrayList<>();
    Instant now = Instant.now();
    for (Tracked other : others.values()) {
      if (other.status() != Status.PLANNED) {
        continue;
      }
      PlanProposed published = other.plan();
      int rank = order.rankOf(published.planId());
      List<String> dependsOn = order.dependsOn(published.planId());
      if (rank != published.rank() || !dependsOn.equals(published.dependsOn())) {
        changed.add(
            reissued(
                published,
                EventIds.derived(trigger.eventId(), published.catalogVersion(), published.planId()),
                now,
                rank,
                dependsOn));
      }
    }
    return changed;
  }

  private Decision decideOwn(BottleneckDetected bottleneck) {
    if (recent.contains(bottleneck.eventId())) {
      LOG.debugf("Skipping repeat of bottleneck event %s", bottleneck.eventId());
      return Decision.of(bottleneck, Kind.REPEAT);
    }
    if (bottleneck.state() == BottleneckState.GONE) {
      return Decision.of(bottleneck, Kind.GONE);
    }
    PlaybookCatalog catalog = catalogs.forService(bottleneck.tenant(), bottleneck.service());
    int band = band(bottleneck.impact().value());
    Tracked previous = service(bottleneck).get(bottleneck.fingerprint());
    Optional<Playbook> selected = catalog.select(bottleneck);

    if (selected.isEmpty()) {
      return gap(
          bottleneck,
          previous,
          catalog,
          band,
          null,
          CoverageGapFound.NO_PLAYBOOK,
          "no playbook of catalog "
              + catalog.version()
              + " applies to "
              + bottleneck.type()
              + " at "
              + bottleneck.location());
    }
    Playbook playbook = selected.get();
    if (playbook.expectedImprovement().compute(bottleneck).isEmpty()) {
      return gap(
          bottleneck,
          previous,
          catalog,
          band,
          playbook,
          CoverageGapFound.MISSING_EVIDENCE,
          "evidence lacks "
              + String.join(", ", playbook.expectedImprovement().requiredMeasurements())
              + " that playbook "
              + playbook.id()
              + " needs");
    }
    if (playbook.deferral() != null && playbook.deferral().defers(bottleneck.severity())) {
      Map<String, String> values = PlanBuilder.values(bottleneck);
      String impact =
          bottleneck.impact().summary() != null && !bottleneck.impact().summary().isBlank()
              ? bottleneck.impact().summary()
              : values.get(Templates.IMPACT);
      Tracked next =
          new Tracked(
              bottleneck,
              Status.DEFERRED,
              playbook,
              catalog.version(),
              null,
              null,
              Templates.render(playbook.deferral().justification(), values),
              impact,
              band);
      return unchanged(previous, next)
          ? new Decision(
              bottleneck, Kind.UNCHANGED, previous.withLatest(bottleneck), none(), none())
          : new Decision(bottleneck, Kind.DEFER, next, none(), none());
    }

    String planId = PlanBuilder.planId(bottleneck.fingerprint(), catalog.version());
    Map<String, Tracked> others = new LinkedHashMap<>(service(bottleneck));
    others.remove(bottleneck.fingerprint());
    List<DependencyGraph.Node> nodes = nodes(others.values());
    nodes.add(node(bottleneck, playbook, planId));
    DependencyGraph.Result order = DependencyGraph.of(nodes);
    if (!quiet) {
      reportCycles(bottleneck, order);
    }
    PlanProposed plan =
        PlanBuilder.build(
                bottleneck,
                playbook,
                catalog.version(),
                order.rankOf(planId),
                order.dependsOn(planId),
                Instant.now())
            .orElseThrow();
    Tracked next =
        new Tracked(
            bottleneck, Status.PLANNED, playbook, catalog.version(), plan, null, null, null, band);
    return unchanged(previous, next)
        ? new Decision(bottleneck, Kind.UNCHANGED, previous.withLatest(bottleneck), none(), none())
        : new Decision(bottleneck, Kind.PLAN, next, Optional.of(plan), none());
  }

  private Decision gap(
      BottleneckDetected bottleneck,
      Tracked previous,
      PlaybookCatalog catalog,
      int band,
      Playbook playbook,
      String reason,
      String detail) {
    if (!quiet) {
      countAndLogGap(bottleneck, reason, detail);
    }
    CoverageGapFound gap =
        new CoverageGapFound(
            EventIds.derived(bottleneck.eventId(), catalog.version(), "coverage-gap"),
            Events.SCHEMA_VERSION,
            bottleneck.tenant(),
            bottleneck.service(),
            bottleneck.environment(),
            bottleneck.version(),
            bottleneck.instance(),
            Instant.now(),
            bottleneck.fingerprint(),
            bottleneck.type(),
            bottleneck.severity(),
            bottleneck.location(),
            reason,
            detail,
            catalog.version());
    Tracked next =
        new Tracked(
            bottleneck, Status.GAP, playbook, catalog.version(), null, gap, null, null, band);
    return unchanged(previous, next)
        ? new Decision(bottleneck, Kind.UNCHANGED, previous.withLatest(bottleneck), none(), none())
        : new Decision(bottleneck, Kind.GAP, next, none(), Optional.of(gap));
  }

  private void countAndLogGap(BottleneckDetected bottleneck, String reason, String detail) {
    Counter.builder("hotpath.planner.unplanned")
        .description("Bottleneck events the planner could not plan, by type and reason")
        .tag("type", bottleneck.type().name())
        .tag("reason", reason)
        .register(registry)
        .increment();
    LOG.warnf(
        "Coverage gap: %s %s bottleneck %s of %s/%s at %s: %s; no plan proposed",
        bottleneck.severity(),
        bottleneck.type(),
        bottleneck.fingerprint(),
        bottleneck.tenant(),
        bottleneck.service(),
        bottleneck.location(),
        detail);
  }

  /** Re-plan only when what the plan depends on changed, not on every repeat. */
  private static boolean unchanged(Tracked previous, Tracked next) {
    return previous != null
        && previous.status() == next.status()
        && previous.bottleneck().severity() == next.bottleneck().severity()
        && previous.band() == next.band()
        && previous.catalogVersion().equals(next.catalogVersion())
        && playbookId(previous).equals(playbookId(next))
        && (next.gap() == null || previous.gap().reason().equals(next.gap().reason()));
  }

  private static String playbookId(Tracked tracked) {
    return tracked.playbook() == null ? "" : tracked.playbook().id();
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }

  /** The band of an impact value: values within a factor of the ratio share one. */
  int band(double impact) {
    if (!(impact > 0) || !Double.isFinite(impact)) {
      return Integer.MIN_VALUE;
    }
    return (int) Math.floor(Math.log(impact) / Math.log(bandRatio));
  }

  /**
   * Makes a decision take effect once what it published was acknowledged, so a redelivered input is
   * skipped and the order and coverage include it.
   */
  public synchronized void handled(Decision decision) {
    apply(decision, true);
  }

  /**
   * Takes in a bottleneck that was handled before this planner started (its plan or gap already
   * published): the order and coverage include it, nothing is published or counted again.
   */
  public synchronized void restore(BottleneckDetected bottleneck) {
    quiet = true;
    try {
      apply(decide(bottleneck), false);
    } finally {
      quiet = false;
    }
  }

  private void apply(Decision decision, boolean announce) {
    BottleneckDetected bottleneck = decision.bottleneck();
    if (decision.kind() == Kind.REPEAT) {
      return;
    }
    recent.add(bottleneck.eventId());
    for (PlanProposed plan : decision.reranked()) {
      Tracked other = service(bottleneck).get(plan.bottleneckFingerprint());
      if (other != null) {
        service(bottleneck)
            .put(
                plan.bottleneckFingerprint(),
                new Tracked(
                    other.bottleneck(),
                    other.status(),
                    other.playbook(),
                    other.catalogVersion(),
                    plan,
                    other.gap(),
                    other.justification(),
                    other.impactOfNotFixing(),
                    other.band()));
      }
    }
    if (announce && !decision.reranked().isEmpty()) {
      Counter.builder("hotpath.planner.plans.reranked")
          .description("Plans re-published because their rank or dependencies changed")
          .register(registry)
          .increment(decision.reranked().size());
      LOG.infof(
          "Re-ranked %d plans of %s/%s: %s",
          decision.reranked().size(),
          bottleneck.tenant(),
          bottleneck.service(),
          decision.reranked().stream()
              .map(p -> p.planId() + " rank " + p.rank() + " after " + p.dependsOn())
              .toList());
    }
    if (!announce) {
      Map<String, Tracked> service = service(bottleneck);
      if (decision.kind() == Kind.GONE) {
        service.remove(bottleneck.fingerprint());
        if (service.isEmpty()) {
          services.remove(PartitionKeys.of(bottleneck));
        }
      } else {
        service.put(bottleneck.fingerprint(), decision.next());
      }
      return;
    }
    Map<String, Tracked> service = service(bottleneck);
    switch (decision.kind()) {
      case GONE -> {
        if (service.remove(bottleneck.fingerprint()) != null) {
          LOG.infof(
              "Bottleneck %s of %s/%s is gone: it leaves the order",
              bottleneck.fingerprint(), bottleneck.tenant(), bottleneck.service());
        }
        if (service.isEmpty()) {
          services.remove(PartitionKeys.of(bottleneck));
        }
      }
      case UNCHANGED -> service.put(bottleneck.fingerprint(), decision.next());
      case PLAN -> {
        service.put(bottleneck.fingerprint(), decision.next());
        PlanProposed plan = decision.plan().orElseThrow();
        Counter.builder("hotpath.planner.plans")
            .description("Plans proposed, by bottleneck type")
            .tag("type", plan.bottleneckType().name())
            .register(registry)
            .increment();
        LOG.infof(
            "Proposed plan %s (%s, rank %d, after %s) for %s %s bottleneck %s of %s/%s",
            plan.planId(),
            plan.strategy().playbookId(),
            plan.rank(),
            plan.dependsOn(),
            plan.severity(),
            plan.bottleneckType(),
            plan.bottleneckFingerprint(),
            plan.tenant(),
            plan.service());
      }
      case DEFER -> {
        service.put(bottleneck.fingerprint(), decision.next());
        LOG.infof(
            "Deferred %s %s bottleneck %s of %s/%s: %s",
            bottleneck.severity(),
            bottleneck.type(),
            bottleneck.fingerprint(),
            bottleneck.tenant(),
            bottleneck.service(),
            decision.next().justification());
      }
      case GAP -> {
        service.put(bottleneck.fingerprint(), decision.next());
        CoverageGapFound gap = decision.gap().orElseThrow();
        Counter.builder("hotpath.planner.coverage.gaps")
            .description("Coverage gaps published, by type, severity and reason")
            .tag("type", gap.bottleneckType().name())
            .tag("severity", gap.severity().name())
            .tag("reason", gap.reason())
            .register(registry)
            .increment();
      }
      default -> throw new IllegalStateException("unexpected " + decision.kind());
    }
  }

  private Map<String, Tracked> service(BottleneckDetected bottleneck) {
    return services.computeIfAbsent(PartitionKeys.of(bottleneck), key -> new LinkedHashMap<>());
  }

  private static List<DependencyGraph.Node> nodes(Iterable<Tracked> tracked) {
    List<DependencyGraph.Node> nodes = new ArrayList<>();
    for (Tracked entry : tracked) {
      if (entry.status() == Status.PLANNED) {
        nodes.add(node(entry.bottleneck(), entry.playbook(), entry.plan().planId()));
      }
    }
    return nodes;
  }

  private static DependencyGraph.Node node(
      BottleneckDetected bottleneck, Playbook playbook, String planId) {
    return new DependencyGraph.Node(
        planId,
        bottleneck.fingerprint(),
        bottleneck.type(),
        bottleneck.severity(),
        bottleneck.location(),
        bottleneck.impact().value(),
        playbook.effort().days(),
        bottleneck.firstSeen(),
        DependencyGraph.touches(bottleneck),
        Set.copyOf(playbook.after()));
  }

  private static void reportCycles(BottleneckDetected bottleneck, DependencyGraph.Result order) {
    for (List<String> cycle : order.cycles()) {
      LOG.warnf(
          "Dependency cycle among the plans of %s/%s: %s; broken by implementing the"
              + " highest-ranked first",
          bottleneck.tenant(), bottleneck.service(), cycle);
    }
  }

  // --- Reading what the planner holds (the API) --------------------------------------------------

  /**
   * The ordered plans of a service with the graph behind the order; empty when the planner holds
   * nothing for it.
   */
  public synchronized Optional<ServicePlan> servicePlan(String tenant, String service) {
    Map<String, Tracked> tracked = services.get(PartitionKeys.of(tenant, service));
    if (tracked == null) {
      return Optional.empty();
    }
    DependencyGraph.Result order = DependencyGraph.of(nodes(tracked.values()));
    Map<String, Tracked> byPlan = new HashMap<>();
    tracked.values().stream()
        .filter(entry -> entry.status() == Status.PLANNED)
        .forEach(entry -> byPlan.put(entry.plan().planId(), entry));
    List<PlanProposed> plans = new ArrayList<>();
    List<ServicePlan.Node> graphNodes = new ArrayList<>();
    for (DependencyGraph.Node node : order.order()) {
      int rank = order.rankOf(node.planId());
      plans.add(withOrder(byPlan.get(node.planId()).plan(), rank, order.dependsOn(node.planId())));
      graphNodes.add(
          new ServicePlan.Node(
              node.planId(),
              node.fingerprint(),
              node.type(),
              node.severity(),
              node.location(),
              rank));
    }
    List<ServicePlan.Edge> edges =
        order.edges().stream()
            .map(e -> new ServicePlan.Edge(e.from(), e.to(), e.reasons(), e.broken()))
            .toList();
    return Optional.of(
        new ServicePlan(
            tenant, service, plans, new ServicePlan.Graph(graphNodes, edges, order.cycles())));
  }

  /** The current plan of a bottleneck of {@code tenant}, with its current place in the order. */
  public synchronized Optional<PlanProposed> planOf(String tenant, String fingerprint) {
    for (Map.Entry<String, Map<String, Tracked>> service : services.entrySet()) {
      Tracked tracked = service.getValue().get(fingerprint);
      if (tracked != null
          && tracked.bottleneck().tenant().equals(tenant)
          && tracked.status() == Status.PLANNED) {
        DependencyGraph.Result order = DependencyGraph.of(nodes(service.getValue().values()));
        String planId = tracked.plan().planId();
        return Optional.of(
            withOrder(tracked.plan(), order.rankOf(planId), order.dependsOn(planId)));
      }
    }
    return Optional.empty();
  }

  /** What became of a bottleneck of {@code tenant}, planned or not. */
  public synchronized Optional<Tracked> tracked(String tenant, String fingerprint) {
    return services.values().stream()
        .map(service -> service.get(fingerprint))
        .filter(t -> t != null && t.bottleneck().tenant().equals(tenant))
        .findFirst();
  }

  /** The coverage of a service's active bottlenecks; empty when the planner holds nothing. */
  public synchronized Optional<CoverageReport> coverage(String tenant, String service) {
    Map<String, Tracked> tracked = services.get(PartitionKeys.of(tenant, service));
    if (tracked == null) {
      return Optional.empty();
    }
    Map<Severity, int[]> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, new int[3]);
    }
    List<CoverageReport.Entry> entries = new ArrayList<>();
    tracked.values().stream()
        .sorted(
            Comparator.comparing((Tracked t) -> t.bottleneck().severity())
                .thenComparing(t -> t.status())
                .thenComparing(t -> t.bottleneck().fingerprint()))
        .forEach(
            t -> {
              counts.get(t.bottleneck().severity())[t.status().ordinal()]++;
              BottleneckDetected b = t.bottleneck();
              entries.add(
                  new CoverageReport.Entry(
                      b.fingerprint(),
                      b.type(),
                      b.severity(),
                      b.location(),
                      t.status(),
                      t.plan() == null ? null : t.plan().planId(),
                      t.playbook() == null ? null : t.playbook().id(),
                      t.justification(),
                      t.impactOfNotFixing(),
                      t.gap() == null ? null : t.gap().reason(),
                      t.gap() == null ? null : t.gap().detail(),
                      t.catalogVersion()));
            });
    Map<Severity, CoverageReport.Counts> bySeverity = new EnumMap<>(Severity.class);
    int planned = 0;
    int deferred = 0;
    int gaps = 0;
    for (Map.Entry<Severity, int[]> count : counts.entrySet()) {
      int[] c = count.getValue();
      bySeverity.put(count.getKey(), new CoverageReport.Counts(c[0], c[1], c[2]));
      planned += c[0];
      deferred += c[1];
      gaps += c[2];
    }
    return Optional.of(
        new CoverageReport(
            tenant, service, gaps == 0, planned, deferred, gaps, bySeverity, entries));
  }

  synchronized double openGaps() {
    return services.values().stream()
        .flatMap(service -> service.values().stream())
        .filter(t -> t.status() == Status.GAP)
        .count();
  }

  private static PlanProposed withOrder(PlanProposed p, int rank, List<String> dependsOn) {
    return reissued(p, p.eventId(), p.eventTime(), rank, dependsOn);
  }

  private static PlanProposed reissued(
      PlanProposed p, java.util.UUID eventId, Instant eventTime, int rank, List<String> dependsOn) {
    return new PlanProposed(
        eventId,
        p.schemaVersion(),
        p.tenant(),
        p.service(),
        p.environment(),
        p.version(),
        p.instance(),
        eventTime,
        p.planId(),
        p.bottleneckFingerprint(),
        p.bottleneckType(),
        p.severity(),
        p.strategy(),
        p.rollback(),
        p.effort(),
        rank,
        dependsOn,
        p.catalogVersion());
  }
}
