package io.hotpath.planner.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.planner.Bottlenecks;
import io.hotpath.planner.config.PlannerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerServiceTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PlannerService planner =
      new PlannerService(CatalogProducer.load(config().catalog()), registry, config());

  private static PlannerConfig config() {
    return new PlannerConfig() {
      @Override
      public Catalog catalog() {
        return new Catalog() {
          @Override
          public String resource() {
            return "playbooks.yaml";
          }

          @Override
          public Optional<Path> path() {
            return Optional.empty();
          }
        };
      }

      @Override
      public int recentEventIds() {
        return 100;
      }
    };
  }

  @Test
  void plansASlowStartup() {
    Optional<PlanProposed> plan = planner.plan(Bottlenecks.slowStartup("acme", "checkout", 2300));

    assertThat(plan).hasValueSatisfying(p -> assertThat(p.rank()).isEqualTo(1));
  }

  @Test
  void countsAndSkipsABottleneckWhoseEvidenceLacksTheFormulasMeasurements() {
    BottleneckDetected unmeasured = Bottlenecks.unmeasuredNPlusOne("acme", "checkout");

    assertThat(planner.plan(unmeasured)).isEmpty();
    assertThat(planner.plan(Bottlenecks.unmeasuredNPlusOne("acme", "checkout"))).isEmpty();

    assertThat(
            registry
                .get("hotpath.planner.unplanned")
                .tag("type", "N_PLUS_ONE")
                .tag("reason", "missing-evidence")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void skipsAnEventItAlreadyHandled() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("acme", "checkout", 2300);
    Optional<PlanProposed> plan = planner.plan(bottleneck);

    planner.handled(bottleneck, plan);

    assertThat(planner.plan(bottleneck)).isEmpty();
    assertThat(registry.get("hotpath.planner.plans").tag("type", "SLOW_STARTUP").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void plansAgainAnEventWhosePlanWasNotPublished() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("acme", "checkout", 2300);

    Optional<PlanProposed> first = planner.plan(bottleneck);
    Optional<PlanProposed> retried = planner.plan(bottleneck);

    assertThat(retried.map(PlanProposed::eventId)).isEqualTo(first.map(PlanProposed::eventId));
  }

  @Test
  void makesNoPlanForABottleneckReportedGone() {
    BottleneckDetected active = Bottlenecks.slowStartup("acme", "checkout", 2300);
    BottleneckDetected gone =
        new BottleneckDetected(
            java.util.UUID.randomUUID(),
            active.schemaVersion(),
            active.tenant(),
            active.service(),
            active.environment(),
            active.version(),
            active.instance(),
            active.eventTime(),
            active.fingerprint(),
            active.type(),
            active.severity(),
            active.location(),
            active.impact(),
            active.evidence(),
            active.firstSeen(),
            active.lastSeen(),
            active.occurrences(),
            BottleneckState.GONE);

    assertThat(planner.plan(gone)).isEmpty();
  }
}
