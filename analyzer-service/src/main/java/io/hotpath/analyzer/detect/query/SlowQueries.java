package io.hotpath.analyzer.detect.query;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.Severities;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.query.SqlNormalizer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The SLOW_QUERY rule shared by the span and the query-statistics detectors: at least {@code
 * slow-query.min-calls} (5) calls, and a mean over {@code slow-query.mean-ms} (100) or a p95 over
 * {@code slow-query.p95-ms} (500). Severity by the larger of mean/mean-goal and p95/p95-goal;
 * impact the time the statement took in the window.
 */
final class SlowQueries {
  static final String MIN_CALLS = "slow-query.min-calls";
  static final String MEAN_MS = "slow-query.mean-ms";
  static final String P95_MS = "slow-query.p95-ms";

  private SlowQueries() {}

  /** What was measured for one statement over one window. */
  record Measured(
      String normalized,
      long calls,
      double meanMs,
      Double p95Ms,
      Double rowsPerCall,
      Boolean seqScan,
      Instant windowStart,
      Instant windowEnd,
      List<UUID> sources,
      List<String> traceIds,
      List<String> spanIds,
      String from) {}

  static Optional<Finding> judge(HotpathEvent event, Thresholds thresholds, Measured m) {
    String tenant = event.tenant();
    String service = event.service();
    double minCalls = thresholds.get(tenant, service, MIN_CALLS, 5);
    double meanGoal = thresholds.get(tenant, service, MEAN_MS, 100);
    double p95Goal = thresholds.get(tenant, service, P95_MS, 500);
    if (m.calls() < minCalls) {
      return Optional.empty();
    }
    double meanRatio = m.meanMs() / meanGoal;
    double p95Ratio = m.p95Ms() == null ? 0 : m.p95Ms() / p95Goal;
    if (meanRatio <= 1 && p95Ratio <= 1) {
      return Optional.empty();
    }
    boolean byMean = meanRatio >= p95Ratio;
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.CALLS, (double) m.calls());
    measurements.put(EvidenceKeys.SAMPLES, (double) m.calls());
    measurements.put(EvidenceKeys.MEAN_MS, round(m.meanMs()));
    if (m.p95Ms() != null) {
      measurements.put(EvidenceKeys.P95_MS, round(m.p95Ms()));
    }
    if (m.rowsPerCall() != null && !m.rowsPerCall().isNaN()) {
      measurements.put(EvidenceKeys.ROWS_PER_CALL, round(m.rowsPerCall()));
    }
    if (m.seqScan() != null) {
      measurements.put(EvidenceKeys.SEQ_SCAN, m.seqScan() ? 1.0 : 0.0);
    }
    measurements.put(EvidenceKeys.THRESHOLD_MS, byMean ? meanGoal : p95Goal);
    measurements.put("meanGoalMs", meanGoal);
    measurements.put("p95GoalMs", p95Goal);
    double totalMs = m.calls() * m.meanMs();
    String numbers =
        String.format(
            Locale.ROOT,
            "%d calls, mean %.1f ms%s (goals: mean <= %.0f ms, p95 <= %.0f ms)",
            m.calls(),
            m.meanMs(),
            m.p95Ms() == null ? "" : String.format(Locale.ROOT, ", p95 %.1f ms", m.p95Ms()),
            meanGoal,
            p95Goal);
    Evidence evidence =
        new Evidence(
            m.normalized() + " -- " + numbers + " " + m.from(),
            measurements,
            m.windowStart(),
            m.windowEnd(),
            m.sources(),
            m.traceIds(),
            m.spanIds(),
            List.of());
    Impact impact =
        new Impact(
            round(totalMs),
            "ms",
            String.format(
                Locale.ROOT,
                "%d calls took %.0f ms in the window, mean %.1f ms",
                m.calls(),
                totalMs,
                m.meanMs()));
    return Optional.of(
        new Finding(
            BottleneckType.SLOW_QUERY,
            Severities.byRatio(
                Math.max(meanRatio, p95Ratio),
                BottleneckType.SLOW_QUERY,
                thresholds,
                tenant,
                service),
            SqlNormalizer.location(m.normalized()),
            impact,
            evidence));
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
