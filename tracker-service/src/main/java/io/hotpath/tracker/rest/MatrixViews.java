package io.hotpath.tracker.rest;

import io.hotpath.contracts.Topics;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.plan.RiskLevel;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.lifecycle.StatusTransitions;
import io.hotpath.tracker.matrix.StatusChange;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.service.MatrixQueries;
import io.hotpath.tracker.validation.ValidationRules;
import io.hotpath.tracker.validation.ValidationRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the matrix API sends: records made from the entities, never the entities themselves. */
public final class MatrixViews {
  private MatrixViews() {}

  /** A page of matrix rows. */
  public record MatrixPage(
      List<MatrixRow> items, int page, int size, long totalItems, long totalPages) {
    static MatrixPage of(MatrixQueries.MatrixPage page) {
      return new MatrixPage(
          page.entries().stream().map(MatrixRow::of).toList(),
          page.page(),
          page.size(),
          page.total(),
          (page.total() + page.size() - 1) / page.size());
    }
  }

  /**
   * One bottleneck of the tracking matrix.
   *
   * @param plan null until the planner's plan arrived
   * @param actualImprovement null until a validation measured it
   */
  public record MatrixRow(
      String humanId,
      String fingerprint,
      String service,
      String environment,
      BottleneckType type,
      String location,
      Severity severity,
      BottleneckStatus status,
      Amount impact,
      PlanSummary plan,
      Improvement actualImprovement,
      Instant firstSeen,
      Instant lastSeen,
      long occurrences) {
    static MatrixRow of(MatrixQueries.MatrixEntry entry) {
      TrackedBottleneck b = entry.bottleneck();
      return new MatrixRow(
          b.humanId(),
          b.fingerprint(),
          b.service(),
          b.environment(),
          b.type(),
          b.location(),
          b.severity(),
          b.status(),
          impactOf(b),
          entry.plan() == null ? null : PlanSummary.of(entry.plan()),
          Improvement.of(b),
          b.firstSeen(),
          b.lastSeen(),
          b.occurrences());
    }
  }

  /**
   * What a passing validation measured on the targeted metric (lower is better): before in the
   * previous version, after in the validated one, the delta and the percentage it fell by.
   */
  public record Improvement(
      double value,
      String unit,
      String summary,
      String metric,
      double before,
      double after,
      double delta,
      double percent,
      Long validationRunId) {
    static Improvement of(TrackedBottleneck b) {
      if (b.improvementBefore() == null || b.improvementAfter() == null) {
        return null;
      }
      double before = b.improvementBefore();
      double after = b.improvementAfter();
      double delta = round(before - after);
      double percent = before > 0 ? round((before - after) / before * 100.0) : 0.0;
      return new Improvement(
          delta,
          b.improvementUnit(),
          b.improvementMetric()
              + " "
              + num(before)
              + " -> "
              + num(after)
              + " "
              + b.improvementUnit()
              + " (-"
              + num(percent)
              + " %)",
          b.improvementMetric(),
          before,
          after,
          delta,
          percent,
          b.improvementRunId());
    }
  }

  /** One validation of a shipped fix of this bottleneck. */
  public record ValidationView(
      long id,
      String status,
      String version,
      String previousVersion,
      String environment,
      String optimizationId,
      String metric,
      String unit,
      Double before,
      Double after,
      List<String> reasons,
      List<String> notes,
      List<ValidationRules.Check> checks,
      UUID rollbackEventId,
      String rollbackTarget,
      Instant deployedAt,
      Instant validatedAt) {
    public static ValidationView of(ValidationRun r) {
      return new ValidationView(
          r.id(),
          r.status().name(),
          r.version(),
          r.previousVersion(),
          r.environment(),
          r.optimizationId(),
          r.metric(),
          r.unit(),
          r.before(),
          r.after(),
          r.reasons(),
          r.notes(),
          r.checks(),
          r.rollbackEventId(),
          r.rollbackTarget(),
          r.deployedAt(),
          r.validatedAt());
    }
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }

  static String num(double value) {
    double r = round(value);
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }

  /** An amount with its unit and a line for people: an impact or an improvement. */
  public record Amount(double value, String unit, String summary) {}

  public record Effort(String size, double personDays) {}

  public record RollbackSummary(RollbackMethod method, boolean automated) {}

  /** The plan as the matrix shows it. */
  public record PlanSummary(
      String planId,
      String approach,
      Effort effort,
      RollbackSummary rollback,
      Amount expectedImprovement) {
    static PlanSummary of(TrackedPlan p) {
      return new PlanSummary(
          p.planId(),
          p.approach(),
          new Effort(p.effortSize(), p.effortDays()),
          new RollbackSummary(p.rollbackMethod(), p.rollbackAutomated()),
          expectedOf(p));
    }
  }

  public record Validation(String metric, String target) {}

  public record Rollback(
      RollbackMethod method, boolean automated, Duration timeToRollback, List<String> steps) {}

  /** The plan in full, for one bottleneck's page. */
  public record PlanDetail(
      String planId,
      String playbookId,
      String approach,
      List<String> steps,
      Validation validation,
      RiskLevel risk,
      Effort effort,
      Rollback rollback,
      Amount expectedImprovement,
      int rank,
      List<String> dependsOn,
      String catalogVersion,
      Instant proposedAt) {
    static PlanDetail of(TrackedPlan p) {
      return new PlanDetail(
          p.planId(),
          p.playbookId(),
          p.approach(),
          p.steps(),
          new Validation(p.validationMetric(), p.validationTarget()),
          p.risk(),
          new Effort(p.effortSize(), p.effortDays()),
          new Rollback(
              p.rollbackMethod(), p.rollbackAutomated(), p.timeToRollback(), p.rollbackSteps()),
          expectedOf(p),
          p.rank(),
          p.dependsOn(),
          p.catalogVersion(),
          p.proposedAt());
    }
  }

  /**
   * One lifecycle transition; {@code from} is null for the first, {@code justification} is set for
   * deferrals only.
   */
  public record HistoryEntry(
      BottleneckStatus from,
      BottleneckStatus to,
      String actor,
      String reason,
      String justification,
      Instant at) {
    static HistoryEntry of(StatusChange change) {
      return new HistoryEntry(
          change.from(),
          change.to(),
          change.actor(),
          change.reason(),
          change.justification(),
          change.at());
    }
  }

  /** Why, by whom and since when a bottleneck is deferred. */
  public record Deferral(String justification, String by, Instant at) {
    static Deferral of(TrackedBottleneck b) {
      return b.deferralJustification() == null
          ? null
          : new Deferral(b.deferralJustification(), b.deferredBy(), b.deferredAt());
    }
  }

  /** The event that announced a transition, and whether Kafka acknowledged it before the answer. */
  public record StatusEvent(UUID eventId, String topic, boolean published) {}

  /** What a transition did, and the bottleneck as it is now. */
  public record TransitionResult(
      String humanId,
      BottleneckStatus from,
      BottleneckStatus to,
      String actor,
      String reason,
      String justification,
      Instant at,
      StatusEvent statusEvent,
      BottleneckDetail bottleneck) {
    static TransitionResult of(
        StatusTransitions.Transitioned done, MatrixQueries.BottleneckRecord now) {
      StatusChange change = done.change();
      return new TransitionResult(
          now.bottleneck().humanId(),
          change.from(),
          change.to(),
          change.actor(),
          change.reason(),
          change.justification(),
          change.at(),
          new StatusEvent(done.eventId(), Topics.STATUS_CHANGES, done.published()),
          BottleneckDetail.of(now));
    }
  }

  /** One bottleneck with its plan and its status history, oldest first. */
  public record BottleneckDetail(
      String humanId,
      String fingerprint,
      String service,
      String environment,
      String version,
      BottleneckType type,
      String location,
      Severity severity,
      BottleneckStatus status,
      BottleneckState analyzerState,
      Deferral deferral,
      Amount impact,
      PlanDetail plan,
      Improvement actualImprovement,
      Instant firstSeen,
      Instant lastSeen,
      long occurrences,
      List<HistoryEntry> history,
      List<ValidationView> validations) {
    static BottleneckDetail of(MatrixQueries.BottleneckRecord record) {
      TrackedBottleneck b = record.bottleneck();
      return new BottleneckDetail(
          b.humanId(),
          b.fingerprint(),
          b.service(),
          b.environment(),
          b.version(),
          b.type(),
          b.location(),
          b.severity(),
          b.status(),
          b.analyzerState(),
          Deferral.of(b),
          impactOf(b),
          record.plan() == null ? null : PlanDetail.of(record.plan()),
          Improvement.of(b),
          b.firstSeen(),
          b.lastSeen(),
          b.occurrences(),
          record.history().stream().map(HistoryEntry::of).toList(),
          record.validations().stream().map(ValidationView::of).toList());
    }
  }

  private static Amount impactOf(TrackedBottleneck b) {
    return new Amount(b.impactValue(), b.impactUnit(), b.impactSummary());
  }

  private static Amount expectedOf(TrackedPlan p) {
    return new Amount(p.expectedValue(), p.expectedUnit(), p.expectedSummary());
  }
}
