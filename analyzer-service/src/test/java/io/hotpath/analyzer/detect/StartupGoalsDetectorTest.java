package io.hotpath.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StartupGoalsDetectorTest {
  static final Thresholds DEFAULTS = (t, s, k, fallback) -> fallback;
  final StartupGoalsDetector detector = new StartupGoalsDetector();

  static StartupReported start(StartType type, Long readyMs, Double memoryMb) {
    return new StartupReported(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        "pod-1",
        StartupReports.T0,
        type,
        List.of(new StartupPhase("boot", 100)),
        readyMs,
        memoryMb);
  }

  @Test
  void aColdStartReadyAfterTheGoalIsASlowStartup() {
    List<Finding> findings = detector.observe(start(StartType.COLD, 25_000L, null), DEFAULTS);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.type()).isEqualTo(BottleneckType.SLOW_STARTUP);
    assertThat(finding.location()).isEqualTo("startup:time-to-ready:cold");
    assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(finding.impact().value()).isEqualTo(25_000.0);
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.TIME_TO_READY_MS, 25_000.0)
        .containsEntry(EvidenceKeys.GOAL_MS, 10_000.0)
        .doesNotContainKey(EvidenceKeys.BASELINE_MS);
  }

  @Test
  void aWarmStartHasItsOwnGoal() {
    assertThat(detector.observe(start(StartType.WARM, 6_000L, null), DEFAULTS))
        .extracting(Finding::location)
        .containsExactly("startup:time-to-ready:warm");
    assertThat(detector.observe(start(StartType.COLD, 6_000L, null), DEFAULTS)).isEmpty();
  }

  @Test
  void carriesTheMedianOfThePreviousStartsAsBaseline() {
    detector.observe(start(StartType.COLD, 3_000L, null), DEFAULTS);
    detector.observe(start(StartType.COLD, 4_000L, null), DEFAULTS);
    detector.observe(start(StartType.COLD, 9_000L, null), DEFAULTS);

    Finding slow = detector.observe(start(StartType.COLD, 12_000L, null), DEFAULTS).get(0);

    assertThat(slow.evidence().measurements()).containsEntry(EvidenceKeys.BASELINE_MS, 4_000.0);
  }

  @Test
  void startupMemoryIsCheckedOnlyAgainstAConfiguredGoal() {
    assertThat(detector.observe(start(StartType.COLD, 1_000L, 900.0), DEFAULTS)).isEmpty();

    Thresholds goal =
        (t, s, k, fallback) -> k.equals(StartupGoalsDetector.MEMORY_MB) ? 512 : fallback;
    List<Finding> findings = detector.observe(start(StartType.COLD, 1_000L, 900.0), goal);

    assertThat(findings).extracting(Finding::location).containsExactly("startup:memory");
    assertThat(findings.get(0).impact().unit()).isEqualTo("MB");
    assertThat(findings.get(0).evidence().measurements())
        .containsAllEntriesOf(
            Map.of(EvidenceKeys.STARTUP_MEMORY_MB, 900.0, EvidenceKeys.THRESHOLD, 512.0));
  }

  @Test
  void aGoalOfZeroTurnsTheCheckOff() {
    Thresholds off = (t, s, k, fallback) -> 0;

    assertThat(detector.observe(start(StartType.COLD, 60_000L, 4000.0), off)).isEmpty();
  }
}
