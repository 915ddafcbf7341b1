package io.hotpath.planner.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RiskLevel;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.planner.Bottlenecks;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {
  private static final Instant NOW = Instant.parse("2026-11-26T11:00:00Z");
  private static PlaybookCatalog catalog;

  @BeforeAll
  static void loadShippedCatalog() throws IOException {
    try (InputStream in =
        PlanBuilderTest.class.getClassLoader().getResourceAsStream("playbooks.yaml")) {
      catalog = PlaybookCatalog.parse("playbooks.yaml", in.readAllBytes());
    }
  }

  private static PlanProposed plan(BottleneckDetected bottleneck, int rank) {
    Playbook playbook = catalog.forType(bottleneck.type()).orElseThrow();
    return PlanBuilder.build(bottleneck, playbook, catalog.version(), rank, NOW).orElseThrow();
  }

  @Test
  void plansLazyLoadingBehindAFlagForASlowStartupPhase() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("acme", "checkout", 2300);

    PlanProposed plan = plan(bottleneck, 1);

    assertThat(plan.strategy().playbookId()).isEqualTo("slow-startup-lazy-init");
    assertThat(plan.strategy().approach()).isEqualTo("Lazy loading behind a feature flag");
    assertThat(plan.strategy().risk()).isEqualTo(RiskLevel.LOW);
    assertThat(plan.strategy().expectedImprovement().value()).isEqualTo(1300.0);
    assertThat(plan.strategy().expectedImprovement().unit()).isEqualTo("ms");
    assertThat(plan.strategy().expectedImprovement().summary())
        .isEqualTo("startup-phase:hibernate-bootstrap ~1300 ms faster, down to the 1000 ms goal");
    assertThat(plan.strategy().validation().metric())
        .isEqualTo("startup.phase.duration.ms[startup-phase:hibernate-bootstrap]");
    assertThat(plan.strategy().validation().target()).isEqualTo("<= 1000");
    assertThat(plan.strategy().steps())
        .isNotEmpty()
        .anyMatch(step -> step.contains("startup-phase:hibernate-bootstrap"))
        .noneMatch(step -> step.contains("{"));
    assertThat(plan.rollback().method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
    assertThat(plan.rollback().automated()).isTrue();
    assertThat(plan.rollback().timeToRollback()).isEqualTo(Duration.ofMinutes(1));
    assertThat(plan.rollback().steps()).isNotEmpty().noneMatch(step -> step.contains("{"));
    assertThat(plan.effort().size()).isEqualTo("S");
    assertThat(plan.effort().personDays()).isEqualTo(2.0);
    assertThat(plan.rank()).isEqualTo(1);
    assertThat(plan.dependsOn()).isEmpty();
    assertThat(plan.catalogVersion()).isEqualTo(catalog.version());
  }

  @Test
  void copiesTheBottlenecksIdentityAndKey() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("acme", "checkout", 2300);

    PlanProposed plan = plan(bottleneck, 3);

    assertThat(plan.tenant()).isEqualTo("acme");
    assertThat(plan.service()).isEqualTo("checkout");
    assertThat(plan.environment()).isEqualTo(bottleneck.environment());
    assertThat(plan.version()).isEqualTo(bottleneck.version());
    assertThat(plan.bottleneckFingerprint()).isEqualTo(bottleneck.fingerprint());
    assertThat(plan.bottleneckType()).isEqualTo(BottleneckType.SLOW_STARTUP);
    assertThat(plan.severity()).isEqualTo(bottleneck.severity());
    assertThat(plan.rank()).isEqualTo(3);
    assertThat(plan.eventTime()).isEqualTo(NOW);
  }

  @Test
  void derivesTheEventIdFromTheBottleneckEventAndCatalogVersion() {
    BottleneckDetected bottleneck = Bottlenecks.slowStartup("acme", "checkout", 2300);

    assertThat(plan(bottleneck, 1).eventId())
        .isEqualTo(EventIds.derived(bottleneck.eventId(), catalog.version()))
        .isEqualTo(plan(bottleneck, 1).eventId());
  }

  @Test
  void keepsThePlanIdPerFingerprintUntilTheCatalogChanges() {
    BottleneckDetected first = Bottlenecks.slowStartup("acme", "checkout", 2300);
    BottleneckDetected again = Bottlenecks.slowStartup("acme", "checkout", 2600);
    BottleneckDetected elsewhere = Bottlenecks.slowStartup("acme", "payments", 2300);

    assertThat(plan(again, 1).planId()).isEqualTo(plan(first, 1).planId());
    assertThat(plan(elsewhere, 1).planId()).isNotEqualTo(plan(first, 1).planId());
    assertThat(PlanBuilder.planId(first.fingerprint(), "sha256:000000000000"))
        .isNotEqualTo(plan(first, 1).planId());
  }

  @Test
  void writesAPlanThatReadsBackEqual() {
    PlanProposed plan = plan(Bottlenecks.slowStartup("acme", "checkout", 2300), 1);

    assertThat(EventJson.read(EventJson.write(plan), PlanProposed.class)).isEqualTo(plan);
  }

  @Test
  void makesNoPlanWhenTheEvidenceLacksTheMeasurements() {
    BottleneckDetected measured = Bottlenecks.slowStartup("acme", "checkout", 2300);
    BottleneckDetected unmeasured =
        new BottleneckDetected(
            measured.eventId(),
            measured.schemaVersion(),
            measured.tenant(),
            measured.service(),
            measured.environment(),
            measured.version(),
            measured.instance(),
            measured.eventTime(),
            measured.fingerprint(),
            measured.type(),
            measured.severity(),
            measured.location(),
            measured.impact(),
            new Evidence("no numbers", Map.of(), null, null, null, null, null, null),
            measured.firstSeen(),
            measured.lastSeen(),
            measured.occurrences(),
            measured.state());
    Playbook playbook = catalog.forType(BottleneckType.SLOW_STARTUP).orElseThrow();

    assertThat(PlanBuilder.build(unmeasured, playbook, catalog.version(), 1, NOW)).isEmpty();
  }

  @Test
  void formatsNumbersAsAPersonWritesThem() {
    assertThat(PlanBuilder.format(1300.0)).isEqualTo("1300");
    assertThat(PlanBuilder.format(12.5)).isEqualTo("12.5");
    assertThat(PlanBuilder.format(1300.4000000000001)).isEqualTo("1300.4");
  }
}
