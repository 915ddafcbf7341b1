package io.hotpath.planner.service;

import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.planner.config.PlannerConfig;
import io.hotpath.planner.playbook.PlanBuilder;
import io.hotpath.planner.playbook.Playbook;
import io.hotpath.planner.playbook.PlaybookCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides what plan, if any, a detected bottleneck gets. Stateless apart from the in-memory order
 * and the memory of recent inputs, so a planner can be restarted at any time.
 */
@ApplicationScoped
public class PlannerService {
  private static final Logger LOG = Logger.getLogger(PlannerService.class);

  /** Reasons a bottleneck got no plan, as the {@code reason} tag of the unplanned counter. */
  static final String NO_PLAYBOOK = "no-playbook";

  static final String MISSING_EVIDENCE = "missing-evidence";

  private final PlaybookCatalog catalog;
  private final MeterRegistry registry;
  private final PlanOrder order = new PlanOrder();
  private final RecentEventIds recent;

  public PlannerService(PlaybookCatalog catalog, MeterRegistry registry, PlannerConfig config) {
    this.catalog = catalog;
    this.registry = registry;
    this.recent = new RecentEventIds(config.recentEventIds());
  }

  /**
   * The plan for a bottleneck; empty when there is nothing to publish: an exact repeat, a
   * bottleneck the analyzer reports gone, or one no playbook can plan (counted and logged as a
   * coverage gap, never papered over with an invented plan). Call {@link #handled} once the plan is
   * safely published.
   */
  public Optional<PlanProposed> plan(BottleneckDetected bottleneck) {
    if (recent.contains(bottleneck.eventId())) {
      LOG.debugf("Skipping repeat of bottleneck event %s", bottleneck.eventId());
      return Optional.empty();
    }
    if (bottleneck.state() == BottleneckState.GONE) {
      order.remove(bottleneck);
      return Optional.empty();
    }
    Optional<Playbook> playbook = catalog.select(bottleneck);
    if (playbook.isEmpty()) {
      unplanned(bottleneck, NO_PLAYBOOK);
      LOG.warnf(
          "No playbook applies to %s bottleneck %s of %s/%s in catalog %s: no plan proposed",
          bottleneck.type(),
          bottleneck.fingerprint(),
          bottleneck.tenant(),
          bottleneck.service(),
          catalog.version());
      return Optional.empty();
    }
    if (playbook.get().expectedImprovement().compute(bottleneck).isEmpty()) {
      unplanned(bottleneck, MISSING_EVIDENCE);
      LOG.warnf(
          "Bottleneck %s (%s) lacks evidence measurements [%s] that playbook %s needs: no plan"
              + " proposed",
          bottleneck.fingerprint(),
          bottleneck.type(),
          playbook.get().expectedImprovement().requiredMeasurements(),
          playbook.get().id());
      return Optional.empty();
    }
    int rank = order.place(bottleneck);
    return PlanBuilder.build(bottleneck, playbook.get(), catalog.version(), rank, Instant.now());
  }

  /**
   * Remembers that a bottleneck event's outcome is durable (its plan, if any, acknowledged by
   * Kafka), so a redelivery is skipped.
   */
  public void handled(BottleneckDetected bottleneck, Optional<PlanProposed> published) {
    recent.add(bottleneck.eventId());
    published.ifPresent(
        plan -> {
          Counter.builder("hotpath.planner.plans")
              .description("Plans proposed, by bottleneck type")
              .tag("type", plan.bottleneckType().name())
              .register(registry)
              .increment();
          LOG.infof(
              "Proposed plan %s (%s, rank %d) for %s bottleneck %s of %s/%s",
              plan.planId(),
              plan.strategy().playbookId(),
              plan.rank(),
              plan.bottleneckType(),
              plan.bottleneckFingerprint(),
              plan.tenant(),
              plan.service());
        });
  }

  private void unplanned(BottleneckDetected bottleneck, String reason) {
    Counter.builder("hotpath.planner.unplanned")
        .description("Bottlenecks the planner could not plan, by type and reason")
        .tag("type", bottleneck.type().name())
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
