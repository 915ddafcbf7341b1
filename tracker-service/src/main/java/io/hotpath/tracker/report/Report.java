package io.hotpath.tracker.report;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.BottleneckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The optimization report of one service, or of a tenant's fleet ({@code service} null): executive
 * summary per service, the inventory of optimizations, rollback procedures and monitoring guidance.
 * The same record is sent as JSON and rendered as Markdown and HTML.
 */
public record Report(
    String tenant,
    String service,
    Instant generatedAt,
    List<Summary> executiveSummary,
    List<Optimization> optimizations,
    List<RollbackProcedure> rollbackProcedures,
    List<Guidance> monitoring) {

  /**
   * Where one service stands: its current version against its baseline (the gate baseline where one
   * was set, else the earliest measured version), and how far its bottlenecks are.
   */
  public record Summary(
      String service,
      String environment,
      String baselineVersion,
      String baselineSource,
      String currentVersion,
      Comparison startup,
      Comparison memory,
      List<Comparison> endpointsP95,
      long bottlenecks,
      long completed,
      long failed,
      long rolledBack,
      long inProgress,
      long notStarted,
      long deferred,
      double completionPercent,
      double criticalCompletionPercent,
      String verdict) {}

  /** A figure of the current version against the baseline, with the validation's limit. */
  public record Comparison(
      String metric,
      String unit,
      Double baseline,
      Double current,
      Double ratio,
      double limit,
      Boolean withinLimit) {}

  /** One tracked bottleneck and what was done about it. */
  public record Optimization(
      String humanId,
      String service,
      BottleneckType type,
      String location,
      Severity severity,
      BottleneckStatus status,
      String approach,
      String expectedImprovement,
      Measured measuredImprovement,
      List<ValidationResult> validations,
      Rollback rollback) {}

  /** What a passing validation measured (lower is better). */
  public record Measured(
      String metric, String unit, double before, double after, double delta, double percent) {}

  /** One validation of a shipped fix. */
  public record ValidationResult(
      long id,
      String version,
      String previousVersion,
      String status,
      List<String> reasons,
      boolean rollbackRequested,
      Instant validatedAt) {}

  /** Whether the fix can be taken back, and how. */
  public record Rollback(
      boolean available, RollbackMethod method, Boolean automated, Duration timeToRollback) {}

  /**
   * How to take one fix back, from its plan.
   *
   * @param rollbackTo what the latest deployment that shipped it rolls back to (its rollback
   *     target, else its previous version); null while no deployment shipped it
   */
  public record RollbackProcedure(
      String humanId,
      String service,
      String location,
      BottleneckStatus status,
      RollbackMethod method,
      boolean automated,
      Duration timeToRollback,
      String rollbackTo,
      List<String> steps) {}

  /** A metric to keep watching and the level to alert above. */
  public record Guidance(
      String service,
      String metric,
      String unit,
      Double baseline,
      Double alertAbove,
      String rule) {}
}
