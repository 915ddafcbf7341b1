package io.hotpath.tracker.completeness;

import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.matrix.Lifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where a service, or a tenant's fleet, stands against the exit criterion: every CRITICAL
 * bottleneck resolved (COMPLETED), every other one COMPLETED or deferred with a justification (only
 * MEDIUM and LOW may be), and no coverage gap.
 *
 * <ul>
 *   <li>{@code completionPercent}: COMPLETED over all bottlenecks less the justified deferrals (a
 *       justified deferral is out of scope, not undone work); 100 when nothing is left in scope.
 *   <li>{@code criticalCompletionPercent}: COMPLETED CRITICALs over all CRITICALs; 100 when there
 *       are none.
 * </ul>
 *
 * A bottleneck the analyzer no longer sees still counts as open: only a validation completes it.
 */
public final class Completeness {
  /** The most reasons a report lists; the rest are counted. */
  static final int MAX_REASONS = 100;

  private Completeness() {}

  /** What the calculation needs of one bottleneck. */
  public record Row(
      String humanId,
      String service,
      Severity severity,
      BottleneckStatus status,
      String justification,
      String deferredBy,
      Instant deferredAt) {}

  /** A deferral; {@code valid} is false when its severity no longer allows deferring it. */
  public record Deferral(
      String humanId,
      String service,
      Severity severity,
      String justification,
      String by,
      Instant at,
      boolean valid) {}

  /** The numbers and the verdict. */
  public record Report(
      long total,
      Map<Severity, Long> bySeverity,
      Map<BottleneckStatus, Long> byStatus,
      double completionPercent,
      double criticalCompletionPercent,
      List<Deferral> deferrals,
      List<CoverageGap> coverageGaps,
      boolean complete,
      List<String> reasons) {}

  public static Report of(List<Row> rows, List<CoverageGap> gaps) {
    Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    Map<BottleneckStatus, Long> byStatus = new EnumMap<>(BottleneckStatus.class);
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0L);
    }
    for (BottleneckStatus s : BottleneckStatus.values()) {
      byStatus.put(s, 0L);
    }
    long completed = 0;
    long justifiedDeferrals = 0;
    long critical = 0;
    long criticalCompleted = 0;
    List<Deferral> deferrals = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    long unlisted = 0;
    for (Row row : rows) {
      bySeverity.merge(row.severity(), 1L, Long::sum);
      byStatus.merge(row.status(), 1L, Long::sum);
      boolean done = row.status() == BottleneckStatus.COMPLETED;
      if (done) {
        completed++;
      }
      if (row.severity() == Severity.CRITICAL) {
        critical++;
        if (done) {
          criticalCompleted++;
        }
      }
      String reason = null;
      if (row.status() == BottleneckStatus.DEFERRED) {
        boolean valid =
            Lifecycle.deferrable(row.severity())
                && row.justification() != null
                && !row.justification().isBlank();
        deferrals.add(
            new Deferral(
                row.humanId(),
                row.service(),
                row.severity(),
                row.justification(),
                row.deferredBy(),
                row.deferredAt(),
                valid));
        if (valid) {
          justifiedDeferrals++;
        } else {
          reason =
              describe(row)
                  + " is DEFERRED, but only MEDIUM and LOW may be deferred, with a"
                  + " justification";
        }
      } else if (!done) {
        reason =
            row.severity() == Severity.CRITICAL
                ? describe(row) + " is " + row.status() + "; every CRITICAL must be COMPLETED"
                : describe(row)
                    + " is "
                    + row.status()
                    + "; complete it"
                    + (Lifecycle.deferrable(row.severity())
                        ? " or defer it with a justification"
                        : "");
      }
      if (reason != null) {
        if (reasons.size() < MAX_REASONS) {
          reasons.add(reason);
        } else {
          unlisted++;
        }
      }
    }
    for (CoverageGap gap : gaps) {
      String reason =
          "coverage gap: no plan for "
              + gap.severity()
              + " bottleneck "
              + gap.fingerprint()
              + " of "
              + gap.service()
              + (gap.reason() == null ? "" : " (" + gap.reason() + ")");
      if (reasons.size() < MAX_REASONS) {
        reasons.add(reason);
      } else {
        unlisted++;
      }
    }
    if (unlisted > 0) {
      reasons.add("and " + unlisted + " more");
    }
    long inScope = rows.size() - justifiedDeferrals;
    return new Report(
        rows.size(),
        bySeverity,
        byStatus,
        percent(completed, inScope),
        percent(criticalCompleted, critical),
        deferrals,
        List.copyOf(gaps),
        reasons.isEmpty(),
        reasons);
  }

  private static String describe(Row row) {
    return row.humanId() + " (" + row.severity() + ", " + row.service() + ")";
  }

  /** One decimal; 100 when there is nothing to count. */
  static double percent(long part, long whole) {
    if (whole <= 0) {
      return 100.0;
    }
    return Math.round(part * 1000.0 / whole) / 10.0;
  }
}
