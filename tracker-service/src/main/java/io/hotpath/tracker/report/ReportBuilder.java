package io.hotpath.tracker.report;

import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.baseline.BaselineFigures;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.hotpath.tracker.completeness.Completeness;
import io.hotpath.tracker.gate.ServiceBaseline;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.validation.ValidationRules;
import io.hotpath.tracker.validation.ValidationRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/** Builds a {@link Report} from what the tracker stores; no I/O. */
public final class ReportBuilder {
  private ReportBuilder() {}

  /** Everything a report is made from, for one service or for the whole tenant. */
  public record Inputs(
      List<TrackedBottleneck> bottlenecks,
      Map<String, TrackedPlan> plansByFingerprint,
      Map<Long, List<ValidationRun>> runsByBottleneck,
      List<MeasuredBaseline> measured,
      Map<String, ServiceBaseline> gateBaselines,
      Map<String, Completeness.Report> completeness) {}

  /** {@code limitsOf} gives a service's validation limits (they may differ per service). */
  public static Report build(
      String tenant,
      String service,
      Inputs in,
      Function<String, ValidationRules.Limits> limitsOf,
      Instant now) {
    TreeSet<String> services = new TreeSet<>();
    in.bottlenecks().forEach(b -> services.add(b.service()));
    in.measured().forEach(m -> services.add(m.key().service()));
    in.gateBaselines().keySet().forEach(services::add);
    if (service != null) {
      services.retainAll(List.of(service));
    }
    List<Report.Summary> summaries = new ArrayList<>();
    List<Report.Guidance> monitoring = new ArrayList<>();
    for (String s : services) {
      summaries.add(summary(s, in, limitsOf.apply(s), monitoring));
    }
    List<Report.Optimization> optimizations = new ArrayList<>();
    List<Report.RollbackProcedure> procedures = new ArrayList<>();
    in.bottlenecks().stream()
        .filter(b -> services.contains(b.service()))
        .sorted(Comparator.comparing(TrackedBottleneck::humanNumber))
        .forEach(
            b -> {
              TrackedPlan plan = in.plansByFingerprint().get(b.fingerprint());
              List<ValidationRun> runs = in.runsByBottleneck().getOrDefault(b.id(), List.of());
              optimizations.add(optimization(b, plan, runs));
              if (plan != null) {
                procedures.add(
                    new Report.RollbackProcedure(
                        b.humanId(),
                        b.service(),
                        b.location(),
                        b.status(),
                        plan.rollbackMethod(),
                        plan.rollbackAutomated(),
                        plan.timeToRollback(),
                        runs.isEmpty() ? null : rollbackTo(runs.get(runs.size() - 1)),
                        plan.rollbackSteps()));
              }
              if (b.status() == BottleneckStatus.COMPLETED && b.improvementBefore() != null) {
                monitoring.add(
                    new Report.Guidance(
                        b.service(),
                        b.improvementMetric(),
                        b.improvementUnit(),
                        b.improvementAfter(),
                        b.improvementBefore(),
                        "the fix of "
                            + b.humanId()
                            + " regressed when it is back at its level before the fix"));
              }
            });
    return new Report(tenant, service, now, summaries, optimizations, procedures, monitoring);
  }

  private static String rollbackTo(ValidationRun latest) {
    return latest.rollbackTarget() != null ? latest.rollbackTarget() : latest.previousVersion();
  }

  private static Report.Optimization optimization(
      TrackedBottleneck b, TrackedPlan plan, List<ValidationRun> runs) {
    Report.Measured measured = null;
    if (b.improvementBefore() != null && b.improvementAfter() != null) {
      double before = b.improvementBefore();
      double after = b.improvementAfter();
      measured =
          new Report.Measured(
              b.improvementMetric(),
              b.improvementUnit(),
              before,
              after,
              round(before - after),
              before > 0 ? round((before - after) / before * 100.0) : 0.0);
    }
    return new Report.Optimization(
        b.humanId(),
        b.service(),
        b.type(),
        b.location(),
        b.severity(),
        b.status(),
        plan == null ? null : plan.approach(),
        plan == null ? null : plan.expectedSummary(),
        measured,
        runs.stream()
            .map(
                r ->
                    new Report.ValidationResult(
                        r.id(),
                        r.version(),
                        r.previousVersion(),
                        r.status().name(),
                        r.reasons(),
                        r.rollbackEventId() != null,
                        r.validatedAt()))
            .toList(),
        plan == null
            ? new Report.Rollback(false, null, null, null)
            : new Report.Rollback(
                true, plan.rollbackMethod(), plan.rollbackAutomated(), plan.timeToRollback()));
  }

  private static Report.Summary summary(
      String service, Inputs in, ValidationRules.Limits limits, List<Report.Guidance> monitoring) {
    List<MeasuredBaseline> versions =
        in.measured().stream().filter(m -> m.key().service().equals(service)).toList();
    // The version reported last is current; of two with the same report time, the one whose
    // reports reached the tracker last.
    Optional<MeasuredBaseline> current =
        versions.stream()
            .max(
                Comparator.comparing(MeasuredBaseline::lastReportAt)
                    .thenComparing(MeasuredBaseline::updatedAt));
    String environment = current.map(c -> c.key().environment()).orElse(null);
    ServiceBaseline gate = in.gateBaselines().get(service);
    BaselineFigures now = current.map(MeasuredBaseline::figures).orElse(null);

    Report.Comparison startup;
    Report.Comparison memory;
    List<Report.Comparison> endpoints = new ArrayList<>();
    String baselineVersion;
    String source;
    if (gate != null) {
      baselineVersion = gate.version();
      source = "gate baseline";
      var figures = gate.measurements();
      BaselineFigures.Figure s = now == null ? null : now.startupFigure();
      BaselineFigures.Figure m = now == null ? null : now.memoryFigure();
      startup =
          compare(
              "startup" + (s == null ? "" : " (" + s.name() + ")"),
              "ms",
              figures.startupMs(),
              s == null ? null : s.value(),
              limits.startupRatio());
      memory =
          compare(
              "memory" + (m == null ? "" : " (" + m.name() + ")"),
              "MB",
              figures.memoryMb(),
              m == null ? null : m.value(),
              limits.memoryRatio());
      figures
          .endpointP95Ms()
          .forEach(
              (route, p95) -> {
                var e = now == null ? null : now.endpoints().get(route);
                endpoints.add(
                    compare(
                        route, "ms", p95, e == null ? null : e.p95Ms(), limits.endpointRatio()));
              });
    } else {
      Optional<MeasuredBaseline> earliest =
          versions.stream()
              .filter(v -> v.key().environment().equals(environment))
              .filter(v -> !v.key().equals(current.get().key()))
              .min(
                  Comparator.comparing(MeasuredBaseline::firstReportAt)
                      .thenComparing(MeasuredBaseline::updatedAt));
      BaselineFigures was = earliest.map(MeasuredBaseline::figures).orElse(null);
      baselineVersion = earliest.map(e -> e.key().version()).orElse(null);
      source = earliest.isPresent() ? "earliest measured version" : "none";
      startup = pair("startup", was, now, true, limits.startupRatio());
      memory = pair("memory", was, now, false, limits.memoryRatio());
      if (was != null && now != null) {
        now.endpoints()
            .forEach(
                (route, e) -> {
                  var b = was.endpoints().get(route);
                  endpoints.add(
                      compare(
                          route,
                          "ms",
                          b == null ? null : b.p95Ms(),
                          e.p95Ms(),
                          limits.endpointRatio()));
                });
      }
    }
    guidance(service, now, limits, monitoring);

    Completeness.Report c = in.completeness().get(service);
    Map<BottleneckStatus, Long> by = c == null ? Map.of() : c.byStatus();
    return new Report.Summary(
        service,
        environment,
        baselineVersion,
        source,
        current.map(v -> v.key().version()).orElse(null),
        startup,
        memory,
        endpoints,
        c == null ? 0 : c.total(),
        by.getOrDefault(BottleneckStatus.COMPLETED, 0L),
        by.getOrDefault(BottleneckStatus.FAILED, 0L),
        by.getOrDefault(BottleneckStatus.ROLLED_BACK, 0L),
        by.getOrDefault(BottleneckStatus.IN_PROGRESS, 0L),
        by.getOrDefault(BottleneckStatus.NOT_STARTED, 0L),
        by.getOrDefault(BottleneckStatus.DEFERRED, 0L),
        c == null ? 100.0 : c.completionPercent(),
        c == null ? 100.0 : c.criticalCompletionPercent(),
        c == null ? "complete" : c.complete() ? "complete" : "incomplete");
  }

  /** The metrics to keep, from the current version's figures and the validation's limits. */
  private static void guidance(
      String service,
      BaselineFigures now,
      ValidationRules.Limits limits,
      List<Report.Guidance> out) {
    if (now == null) {
      return;
    }
    BaselineFigures.Figure s = now.startupFigure();
    if (s != null) {
      out.add(
          new Report.Guidance(
              service,
              "startup (" + s.name() + ")",
              "ms",
              s.value(),
              round(s.value() * limits.startupRatio()),
              "startup at most " + num(limits.startupRatio()) + " x baseline"));
    }
    BaselineFigures.Figure m = now.memoryFigure();
    if (m != null) {
      out.add(
          new Report.Guidance(
              service,
              "memory (" + m.name() + ")",
              "MB",
              m.value(),
              round(m.value() * limits.memoryRatio()),
              "memory at most " + num(limits.memoryRatio()) + " x baseline"));
    }
    now.endpoints()
        .forEach(
            (route, e) -> {
              if (e.p95Ms() != null) {
                out.add(
                    new Report.Guidance(
                        service,
                        "p95 of " + route,
                        "ms",
                        e.p95Ms(),
                        round(e.p95Ms() * limits.endpointRatio()),
                        "every endpoint p95 at most "
                            + num(limits.endpointRatio())
                            + " x baseline"));
              }
              if (e.errorRate() != null) {
                out.add(
                    new Report.Guidance(
                        service,
                        "error rate of " + route,
                        "ratio",
                        e.errorRate(),
                        round(e.errorRate() + limits.maxErrorRateIncrease()),
                        "no endpoint newly failing"));
              }
            });
    Double growth = now.resources().heapGrowthMbPerHour();
    if (growth != null) {
      out.add(
          new Report.Guidance(
              service,
              "heap after GC growth",
              "MB/h",
              growth,
              Math.max(0.0, growth),
              "sustained growth of heap after GC is a memory leak (CRITICAL)"));
    }
    now.functionality()
        .forEach(
            (name, check) ->
                out.add(
                    new Report.Guidance(
                        service,
                        "failures of functional check " + name,
                        "failures",
                        (double) (check.lastPassed() ? 0 : 1),
                        0.0,
                        "no endpoint newly failing")));
  }

  private static Report.Comparison pair(
      String what, BaselineFigures was, BaselineFigures now, boolean startup, double limit) {
    if (was == null || now == null) {
      BaselineFigures.Figure f =
          now == null ? null : startup ? now.startupFigure() : now.memoryFigure();
      return compare(
          what + (f == null ? "" : " (" + f.name() + ")"),
          startup ? "ms" : "MB",
          null,
          f == null ? null : f.value(),
          limit);
    }
    List<BaselineFigures.Figure> both =
        startup
            ? BaselineFigures.comparable(was.startupFigures(), now.startupFigures())
            : BaselineFigures.comparable(was.memoryFigures(), now.memoryFigures());
    if (both.isEmpty()) {
      return compare(what, startup ? "ms" : "MB", null, null, limit);
    }
    return compare(
        what + " (" + both.get(0).name() + ")",
        both.get(0).unit(),
        both.get(0).value(),
        both.get(1).value(),
        limit);
  }

  private static Report.Comparison compare(
      String metric, String unit, Double baseline, Double current, double limit) {
    Double ratio =
        baseline == null || current == null || !(baseline > 0) ? null : round(current / baseline);
    return new Report.Comparison(
        metric,
        unit,
        baseline,
        current,
        ratio,
        limit,
        ratio == null ? null : current <= limit * baseline + 1e-9);
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }

  static String num(double value) {
    double r = round(value);
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }
}
