package io.hotpath.tracker.rest;

import io.hotpath.tracker.baseline.BaselineFigures;
import io.hotpath.tracker.baseline.MeasuredBaseline;
import java.time.Instant;
import java.util.Map;

/** What the measured-baselines API sends. */
public final class BaselineViews {
  private BaselineViews() {}

  /** One version's measured baseline in one environment. */
  public record MeasuredBaselineView(
      String service,
      String environment,
      String version,
      long reports,
      Instant firstReportAt,
      Instant lastReportAt,
      BaselineFigures.Startup startup,
      Map<String, BaselineFigures.EndpointFigures> endpoints,
      BaselineFigures.Resources resources,
      Map<String, BaselineFigures.CheckFigures> functionality,
      Map<String, BaselineFigures.QueryFigures> queries,
      Map<String, BaselineFigures.CacheFigures> caches,
      Map<String, BaselineFigures.LockFigures> locks,
      Counts contributions) {
    static MeasuredBaselineView of(MeasuredBaseline b) {
      BaselineFigures f = b.figures();
      return new MeasuredBaselineView(
          b.key().service(),
          b.key().environment(),
          b.key().version(),
          b.reports(),
          b.firstReportAt(),
          b.lastReportAt(),
          f.startup(),
          f.endpoints(),
          f.resources(),
          f.functionality(),
          f.queries(),
          f.caches(),
          f.locks(),
          new Counts(
              f.startupReports(),
              f.endpointWindows(),
              f.resourceSamples(),
              f.functionalityRuns(),
              f.queryWindows(),
              f.statementsLeftOut(),
              f.metricBatches(),
              f.cacheSeriesLeftOut(),
              f.lockTotals().profiles(),
              f.lockTotals().profiledMinutes(),
              f.lockTotals().waitMs(),
              f.lockTotals().framesLeftOut()));
    }
  }

  /**
   * How much telemetry the figures rest on; {@code statementsLeftOut} counts statements seen after
   * the version already had the most kept, {@code cacheSeriesLeftOut} cache counter points of
   * series beyond the kept ones, {@code lockFramesLeftOut} waiting functions beyond the kept ones.
   * {@code metricBatches} are the metric batches that carried cache counters.
   */
  public record Counts(
      long startupReports,
      long endpointWindows,
      long resourceSamples,
      long functionalityRuns,
      long queryWindows,
      long statementsLeftOut,
      long metricBatches,
      long cacheSeriesLeftOut,
      long lockProfiles,
      Double lockProfiledMinutes,
      Double lockWaitMs,
      long lockFramesLeftOut) {}
}
