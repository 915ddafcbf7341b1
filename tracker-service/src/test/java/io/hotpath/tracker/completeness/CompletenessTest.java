package io.hotpath.tracker.completeness;

import static io.hotpath.contracts.bottleneck.Severity.CRITICAL;
import static io.hotpath.contracts.bottleneck.Severity.HIGH;
import static io.hotpath.contracts.bottleneck.Severity.LOW;
import static io.hotpath.contracts.bottleneck.Severity.MEDIUM;
import static io.hotpath.contracts.tracking.BottleneckStatus.COMPLETED;
import static io.hotpath.contracts.tracking.BottleneckStatus.DEFERRED;
import static io.hotpath.contracts.tracking.BottleneckStatus.FAILED;
import static io.hotpath.contracts.tracking.BottleneckStatus.IN_PROGRESS;
import static io.hotpath.contracts.tracking.BottleneckStatus.NOT_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletenessTest {
  private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

  private static Completeness.Row row(String id, Severity severity, BottleneckStatus status) {
    return new Completeness.Row(id, "checkout", severity, status, null, null, null);
  }

  private static Completeness.Row deferred(String id, Severity severity, String why) {
    return new Completeness.Row(id, "checkout", severity, DEFERRED, why, "bob", AT);
  }

  @Test
  void isCompleteWhenCriticalsAreCompletedAndTheRestCompletedOrJustifiedlyDeferred() {
    Completeness.Report report =
        Completeness.of(
            List.of(
                row("BTLNK-001", CRITICAL, COMPLETED),
                row("BTLNK-002", HIGH, COMPLETED),
                deferred("BTLNK-003", LOW, "runs once a day")),
            List.of());

    assertThat(report.complete()).isTrue();
    assertThat(report.reasons()).isEmpty();
    assertThat(report.completionPercent()).isEqualTo(100.0);
    assertThat(report.criticalCompletionPercent()).isEqualTo(100.0);
    assertThat(report.deferrals())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.justification()).isEqualTo("runs once a day");
              assertThat(d.valid()).isTrue();
            });
  }

  @Test
  void countsCompletedOverAllButJustifiedDeferrals() {
    Completeness.Report report =
        Completeness.of(
            List.of(
                row("BTLNK-001", CRITICAL, COMPLETED),
                row("BTLNK-002", CRITICAL, IN_PROGRESS),
                row("BTLNK-003", HIGH, FAILED),
                deferred("BTLNK-004", MEDIUM, "later")),
            List.of());

    assertThat(report.total()).isEqualTo(4);
    assertThat(report.completionPercent()).isEqualTo(33.3);
    assertThat(report.criticalCompletionPercent()).isEqualTo(50.0);
    assertThat(report.bySeverity()).containsEntry(CRITICAL, 2L).containsEntry(LOW, 0L);
    assertThat(report.byStatus())
        .containsEntry(COMPLETED, 1L)
        .containsEntry(IN_PROGRESS, 1L)
        .containsEntry(FAILED, 1L)
        .containsEntry(DEFERRED, 1L)
        .containsEntry(NOT_STARTED, 0L);
    assertThat(report.complete()).isFalse();
    assertThat(report.reasons())
        .containsExactly(
            "BTLNK-002 (CRITICAL, checkout) is IN_PROGRESS; every CRITICAL must be COMPLETED",
            "BTLNK-003 (HIGH, checkout) is FAILED; complete it");
  }

  @Test
  void refusesADeferralWhoseSeverityRoseToHigh() {
    Completeness.Report report =
        Completeness.of(List.of(deferred("BTLNK-007", HIGH, "was MEDIUM")), List.of());

    assertThat(report.complete()).isFalse();
    assertThat(report.deferrals()).singleElement().satisfies(d -> assertThat(d.valid()).isFalse());
    assertThat(report.reasons())
        .containsExactly(
            "BTLNK-007 (HIGH, checkout) is DEFERRED, but only MEDIUM and LOW may be deferred,"
                + " with a justification");
    assertThat(report.completionPercent()).isEqualTo(0.0);
  }

  @Test
  void listsCoverageGapsAsReasons() {
    Completeness.Report report =
        Completeness.of(
            List.of(row("BTLNK-001", LOW, COMPLETED)),
            List.of(new CoverageGap("checkout", "abc123", HIGH, "no playbook fits")));

    assertThat(report.complete()).isFalse();
    assertThat(report.reasons())
        .containsExactly(
            "coverage gap: no plan for HIGH bottleneck abc123 of checkout (no playbook fits)");
  }

  @Test
  void isCompleteWithNothingToDo() {
    Completeness.Report report = Completeness.of(List.of(), List.of());

    assertThat(report.complete()).isTrue();
    assertThat(report.completionPercent()).isEqualTo(100.0);
    assertThat(report.criticalCompletionPercent()).isEqualTo(100.0);
  }

  @Test
  void listsAtMostAHundredReasonsAndCountsTheRest() {
    List<Completeness.Row> rows = new ArrayList<>();
    for (int i = 1; i <= 130; i++) {
      rows.add(row("BTLNK-" + i, LOW, NOT_STARTED));
    }

    Completeness.Report report = Completeness.of(rows, List.of());

    assertThat(report.reasons()).hasSize(101);
    assertThat(report.reasons().get(100)).isEqualTo("and 30 more");
  }
}
