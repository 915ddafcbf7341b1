package io.hotpath.tracker.rest;

import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.completeness.Completeness;
import io.hotpath.tracker.completeness.CoverageGap;
import io.hotpath.tracker.service.CompletenessQueries;
import java.util.List;
import java.util.Map;

/** What the completeness API sends. */
public final class CompletenessViews {
  private CompletenessViews() {}

  static String verdictOf(boolean complete) {
    return complete ? "complete" : "incomplete";
  }

  /** A service's completeness, or the fleet's when {@code service} is null. */
  public record CompletenessView(
      String tenant,
      String service,
      String verdict,
      boolean complete,
      List<String> reasons,
      long total,
      Map<Severity, Long> bySeverity,
      Map<BottleneckStatus, Long> byStatus,
      double completionPercent,
      double criticalCompletionPercent,
      List<Completeness.Deferral> deferrals,
      List<CoverageGap> coverageGaps) {
    static CompletenessView of(String tenant, String service, Completeness.Report r) {
      return new CompletenessView(
          tenant,
          service,
          verdictOf(r.complete()),
          r.complete(),
          r.reasons(),
          r.total(),
          r.bySeverity(),
          r.byStatus(),
          r.completionPercent(),
          r.criticalCompletionPercent(),
          r.deferrals(),
          r.coverageGaps());
    }
  }

  /** One line per service in the fleet's report. */
  public record ServiceLine(
      String service,
      String verdict,
      long total,
      double completionPercent,
      double criticalCompletionPercent) {}

  /** The fleet: the same numbers over all the tenant's services, and one line per service. */
  public record FleetView(
      String tenant,
      String verdict,
      boolean complete,
      List<String> reasons,
      long total,
      Map<Severity, Long> bySeverity,
      Map<BottleneckStatus, Long> byStatus,
      double completionPercent,
      double criticalCompletionPercent,
      List<Completeness.Deferral> deferrals,
      List<CoverageGap> coverageGaps,
      List<ServiceLine> services) {
    static FleetView of(String tenant, CompletenessQueries.Fleet fleet) {
      Completeness.Report r = fleet.fleet();
      return new FleetView(
          tenant,
          verdictOf(r.complete()),
          r.complete(),
          r.reasons(),
          r.total(),
          r.bySeverity(),
          r.byStatus(),
          r.completionPercent(),
          r.criticalCompletionPercent(),
          r.deferrals(),
          r.coverageGaps(),
          fleet.services().entrySet().stream()
              .map(
                  e ->
                      new ServiceLine(
                          e.getKey(),
                          verdictOf(e.getValue().complete()),
                          e.getValue().total(),
                          e.getValue().completionPercent(),
                          e.getValue().criticalCompletionPercent()))
              .toList());
    }
  }
}
