package io.hotpath.tracker.baseline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The measured baseline of one version of a service in one environment, computed from its {@link
 * TelemetryTotals}. A figure nobody measured is null.
 *
 * @param startupReports how many startup reports contributed
 * @param endpointWindows how many endpoint-statistics windows contributed
 * @param queryWindows how many query-statistics windows contributed
 * @param statementsLeftOut statements not kept because the version already had the most kept
 * @param queries per statement location ({@code query:<hash>}, as the analyzer names it)
 * @param metricBatches how many metric batches with cache counters contributed
 * @param cacheSeriesLeftOut cache counter points of series not kept (the version had the most)
 * @param caches per cache location ({@code cache:<name>}, as the analyzer names it)
 * @param lockTotals how much lock profiling the lock figures rest on
 * @param locks per waiting function's location ({@code lock:<function>}, as the analyzer names it)
 */
public record BaselineFigures(
    long startupReports,
    long endpointWindows,
    long resourceSamples,
    long functionalityRuns,
    Startup startup,
    Map<String, EndpointFigures> endpoints,
    Resources resources,
    Map<String, CheckFigures> functionality,
    long queryWindows,
    long statementsLeftOut,
    Map<String, QueryFigures> queries,
    long metricBatches,
    long cacheSeriesLeftOut,
    Map<String, CacheFigures> caches,
    LockTotals lockTotals,
    Map<String, LockFigures> locks) {

  /**
   * One cache over every counter of the version: requests, hits and misses summed over its series
   * (cumulative counters by their increases, a reset counting the new total; delta counters as they
   * are); null where its counters cannot tell (only requests, say).
   *
   * @param hitRate hits ÷ requests (0.7 = 70 %)
   * @param missRatePercent misses ÷ requests in percent, as the analyzer's impact reads
   */
  public record CacheFigures(
      long series,
      Double requests,
      Double hits,
      Double misses,
      Double hitRate,
      Double missRatePercent) {}

  /**
   * The version's lock profiles (LOCK profiles in a unit of time).
   *
   * @param profiledMinutes the summed length of their windows
   * @param waitMs the lock wait charged to a waiting function
   * @param framesLeftOut functions not kept because the version already had the most kept
   */
  public record LockTotals(
      long profiles, Double profiledMinutes, Double waitMs, long framesLeftOut) {}

  /**
   * One waiting function over the version's lock profiles.
   *
   * @param profiles the lock profiles in which it waited
   * @param waitMsPerMinute its wait per minute of lock profiling (all of the version's)
   * @param share its share of all lock wait
   */
  public record LockFigures(long profiles, Double waitMs, Double waitMsPerMinute, Double share) {}

  /**
   * Means over the starts reported: a start's duration is its time to ready where the agent
   * measured it, else the sum of its phases.
   */
  public record Startup(
      Double coldStartMs,
      Double warmStartMs,
      Double timeToReadyMs,
      Double startupMemoryMb,
      long coldStarts,
      long warmStarts,
      Map<String, Double> phasesMs) {}

  /**
   * One route over every window reported: counts summed; p50/p95/p99 the request-weighted means of
   * the windows' percentiles; throughput requests per second of reported window; rates per request.
   */
  public record EndpointFigures(
      long windows,
      long requests,
      long errors,
      long timeouts,
      Double p50Ms,
      Double p95Ms,
      Double p99Ms,
      Double throughputPerSecond,
      Double errorRate,
      Double timeoutRate) {}

  /**
   * Means over the resource samples; heap-after-GC growth is the least-squares slope in MB per hour
   * (null with fewer than two samples).
   */
  public record Resources(
      Double cpuPercent,
      Double cpuPercentMax,
      Double heapUsedMb,
      Double heapAfterGcMb,
      Double rssMb,
      Double heapGrowthMbPerHour,
      Double dbConnectionsActive,
      Integer dbConnectionsActiveMax,
      Integer dbConnectionsMax,
      Integer dbConnectionsPendingMax) {}

  /**
   * One statement over every query-statistics window that had it: the mean time per call (total
   * time ÷ calls, exact), the calls-weighted mean of the windows' p95 (null when no source measured
   * one), calls and total time summed.
   *
   * @param statement its normalized text (cut at 300 characters)
   */
  public record QueryFigures(
      String statement, long windows, long calls, Double meanMs, Double p95Ms, Double totalMs) {}

  /** A functional check: its runs, failures and the latest outcome. */
  public record CheckFigures(
      long runs, long failures, boolean lastPassed, Instant lastAt, String lastDetail) {}

  /** A named figure: what the validation compares (startup, memory). */
  public record Figure(String name, double value, String unit) {}

  /** The start to compare: cold, else warm, else time to ready. */
  public Figure startupFigure() {
    return first(
        figure("cold start", startup.coldStartMs(), "ms"),
        figure("warm start", startup.warmStartMs(), "ms"),
        figure("time to ready", startup.timeToReadyMs(), "ms"));
  }

  /** The memory to compare: RSS, else heap used, else startup memory. */
  public Figure memoryFigure() {
    return first(
        figure("RSS", resources.rssMb(), "MB"),
        figure("heap used", resources.heapUsedMb(), "MB"),
        figure("startup memory", startup.startupMemoryMb(), "MB"));
  }

  /** Both figures under the same name, the first name that both versions measured. */
  public static List<Figure> comparable(List<Figure> before, List<Figure> after) {
    for (Figure b : before) {
      for (Figure a : after) {
        if (b.name().equals(a.name())) {
          return List.of(b, a);
        }
      }
    }
    return List.of();
  }

  public List<Figure> startupFigures() {
    return Stream.of(
            figure("cold start", startup.coldStartMs(), "ms"),
            figure("warm start", startup.warmStartMs(), "ms"),
            figure("time to ready", startup.timeToReadyMs(), "ms"))
        .filter(Objects::nonNull)
        .toList();
  }

  public List<Figure> memoryFigures() {
    return Stream.of(
            figure("RSS", resources.rssMb(), "MB"),
            figure("heap used", resources.heapUsedMb(), "MB"),
            figure("startup memory", startup.startupMemoryMb(), "MB"))
        .filter(Objects::nonNull)
        .toList();
  }

  private static Figure figure(String name, Double value, String unit) {
    return value == null ? null : new Figure(name, value, unit);
  }

  private static Figure first(Figure... figures) {
    for (Figure f : figures) {
      if (f != null) {
        return f;
      }
    }
    return null;
  }
}
