package io.hotpath.analyzer.detect;

import static io.hotpath.analyzer.detect.StartupReports.phase;
import static io.hotpath.analyzer.detect.StartupReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.StartupReported;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StartupPhaseDetectorTest {
  final StartupPhaseDetector detector = new StartupPhaseDetector(1000);

  @Test
  void phaseAtExactlyTheThresholdIsNotABottleneck() {
    assertThat(detector.detect(report(phase("hibernate-bootstrap", 1000)))).isEmpty();
  }

  @Test
  void phaseOneMillisecondOverTheThresholdIsAHighSlowStartup() {
    StartupReported report = report(phase("hibernate-bootstrap", 1001));

    List<Finding> findings = detector.detect(report);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.type()).isEqualTo(BottleneckType.SLOW_STARTUP);
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.location()).isEqualTo("startup-phase:hibernate-bootstrap");
    assertThat(finding.impact().value()).isEqualTo(1001.0);
    assertThat(finding.impact().unit()).isEqualTo("ms");
    assertThat(finding.impact().summary())
        .isEqualTo("startup phase hibernate-bootstrap took 1001 ms (goal <= 1000 ms)");
    assertThat(finding.evidence().measurements())
        .containsEntry("durationMs", 1001.0)
        .containsEntry("thresholdMs", 1000.0)
        .containsEntry("coldStart", 1.0)
        .containsEntry("timeToReadyMs", 4200.0);
    assertThat(finding.evidence().description()).startsWith("COLD start of checkout 1.4.2");
    assertThat(finding.evidence().windowStart()).isEqualTo(report.eventTime());
    assertThat(finding.evidence().windowEnd()).isEqualTo(report.eventTime());
    assertThat(finding.evidence().sourceEventIds()).containsExactly(report.eventId());
  }

  @Test
  void reportsOnlyTheSlowPhases() {
    List<Finding> findings =
        detector.detect(
            report(phase("class-loading", 400), phase("db-migrations", 2500), phase("cdi", 999)));

    assertThat(findings)
        .extracting(Finding::location)
        .containsExactly("startup-phase:db-migrations");
  }

  @Test
  void normalizesThePhaseNameIntoTheLocation() {
    assertThat(detector.detect(report(phase("  Hibernate-Bootstrap ", 3000))))
        .extracting(Finding::location)
        .containsExactly("startup-phase:hibernate-bootstrap");
  }

  @Test
  void addsUpAPhaseThatRanTwiceInOneStart() {
    List<Finding> findings = detector.detect(report(phase("warmup", 600), phase("Warmup", 600)));

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).impact().value()).isEqualTo(1200.0);
  }

  @Test
  void followsTheConfiguredThreshold() {
    assertThat(new StartupPhaseDetector(5000).detect(report(phase("boot", 4000)))).isEmpty();
    assertThat(new StartupPhaseDetector(100).detect(report(phase("boot", 101)))).hasSize(1);
  }

  @Test
  void aConfiguredPhaseGoalForTheServiceReplacesTheDefault() {
    Thresholds strict =
        (tenant, service, key, fallback) ->
            service.equals("checkout") && key.equals(StartupPhaseDetector.PHASE_MS)
                ? 200
                : fallback;

    assertThat(detector.observe(report(phase("boot", 300)), strict)).hasSize(1);
    assertThat(detector.observe(report(phase("boot", 300)), (t, s, k, f) -> f)).isEmpty();
  }

  @Test
  void ignoresOtherReportKinds() {
    EndpointStatsReported endpoints =
        new EndpointStatsReported(
            UUID.randomUUID(),
            Events.SCHEMA_VERSION,
            "demo",
            "checkout",
            "prod",
            "1.4.2",
            null,
            StartupReports.T0,
            StartupReports.T0,
            StartupReports.T0,
            List.of());

    assertThat(detector.detect(endpoints)).isEmpty();
  }
}
