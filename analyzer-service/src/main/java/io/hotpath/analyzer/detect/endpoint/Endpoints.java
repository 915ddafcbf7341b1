package io.hotpath.analyzer.detect.endpoint;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.Severities;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The per-route rules shared by the span and the endpoint-statistics detectors.
 *
 * <ul>
 *   <li>SLOW_ENDPOINT: at least {@code slow-endpoint.min-requests} (20) requests and a p95 over
 *       {@code slow-endpoint.p95-goal-ms} (500), or a p99 over {@code slow-endpoint.p99-goal-ms}
 *       (0: no p99 goal). Severity by p95 / goal (or p99 / goal, the larger).
 *   <li>ERROR_RATE: at least {@code error-rate.min-requests} (20) and errors / requests over {@code
 *       error-rate.max-rate} (0.05). Severity by rate / max-rate.
 *   <li>TIMEOUTS: at least {@code timeouts.min-requests} (20) and timeouts / requests over {@code
 *       timeouts.max-rate} (0.01). Severity by rate / max-rate.
 * </ul>
 */
final class Endpoints {
  private Endpoints() {}

  /** What was measured for one route over one window. */
  record Measured(
      String route,
      long requests,
      long errors,
      long timeouts,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      Instant windowStart,
      Instant windowEnd,
      List<UUID> sources,
      List<String> slowTraceIds,
      List<String> slowSpanIds,
      List<String> failedTraceIds,
      List<String> failedSpanIds,
      String from) {}

  static List<Finding> judge(HotpathEvent event, Thresholds thresholds, Measured m) {
    List<Finding> findings = new ArrayList<>();
    String tenant = event.tenant();
    String service = event.service();
    Map<String, Double> common = new LinkedHashMap<>();
    common.put(EvidenceKeys.REQUESTS, (double) m.requests());
    common.put(EvidenceKeys.SAMPLES, (double) m.requests());
    common.put(EvidenceKeys.P50_MS, round(m.p50Ms()));
    common.put(EvidenceKeys.P95_MS, round(m.p95Ms()));
    common.put(EvidenceKeys.P99_MS, round(m.p99Ms()));
    common.put(EvidenceKeys.ERRORS, (double) m.errors());
    common.put(EvidenceKeys.TIMEOUTS, (double) m.timeouts());
    if (m.requests() >= thresholds.get(tenant, service, "slow-endpoint.min-requests", 20)) {
      double p95Goal = thresholds.get(tenant, service, "slow-endpoint.p95-goal-ms", 500);
      double p99Goal = thresholds.get(tenant, service, "slow-endpoint.p99-goal-ms", 0);
      double p95Ratio = p95Goal > 0 ? m.p95Ms() / p95Goal : 0;
      double p99Ratio = p99Goal > 0 ? m.p99Ms() / p99Goal : 0;
      if (p95Ratio > 1 || p99Ratio > 1) {
        boolean byP95 = p95Ratio >= p99Ratio;
        Map<String, Double> measurements = new LinkedHashMap<>(common);
        measurements.put(EvidenceKeys.GOAL_MS, byP95 ? p95Goal : p99Goal);
        measurements.put(EvidenceKeys.THRESHOLD_MS, byP95 ? p95Goal : p99Goal);
        double measured = byP95 ? m.p95Ms() : m.p99Ms();
        findings.add(
            new Finding(
                BottleneckType.SLOW_ENDPOINT,
                Severities.byRatio(
                    Math.max(p95Ratio, p99Ratio),
                    BottleneckType.SLOW_ENDPOINT,
                    thresholds,
                    tenant,
                    service),
                m.route(),
                new Impact(
                    round(measured),
                    "ms",
                    String.format(
                        Locale.ROOT,
                        "%s p%s %.0f ms (goal <= %.0f ms)",
                        m.route(),
                        byP95 ? "95" : "99",
                        measured,
                        byP95 ? p95Goal : p99Goal)),
                evidence(measurements, m, m.slowTraceIds(), m.slowSpanIds())));
      }
    }
    rate(
            event,
            thresholds,
            m,
            common,
            BottleneckType.ERROR_RATE,
            m.errors(),
            0.05,
            EvidenceKeys.ERROR_RATE,
            "errors")
        .ifPresent(findings::add);
    rate(
            event,
            thresholds,
            m,
            common,
            BottleneckType.TIMEOUTS,
            m.timeouts(),
            0.01,
            EvidenceKeys.TIMEOUT_RATE,
            "timeouts")
        .ifPresent(findings::add);
    return findings;
  }

  private static Optional<Finding> rate(
      HotpathEvent event,
      Thresholds thresholds,
      Measured m,
      Map<String, Double> common,
      BottleneckType type,
      long count,
      double defaultMaxRate,
      String rateKey,
      String what) {
    String prefix = type == BottleneckType.ERROR_RATE ? "error-rate." : "timeouts.";
    String tenant = event.tenant();
    String service = event.service();
    if (m.requests() <= 0
        || m.requests() < thresholds.get(tenant, service, prefix + "min-requests", 20)) {
      return Optional.empty();
    }
    double maxRate = thresholds.get(tenant, service, prefix + "max-rate", defaultMaxRate);
    double rate = (double) count / m.requests();
    if (rate <= maxRate) {
      return Optional.empty();
    }
    Map<String, Double> measurements = new LinkedHashMap<>(common);
    measurements.put(rateKey, round(rate));
    measurements.put(EvidenceKeys.THRESHOLD, maxRate);
    return Optional.of(
        new Finding(
            type,
            Severities.byRatio(
                maxRate > 0 ? rate / maxRate : Double.MAX_VALUE, type, thresholds, tenant, service),
            m.route(),
            new Impact(
                round(rate * 100),
                "% " + what,
                String.format(
                    Locale.ROOT,
                    "%.1f %% of %d requests to %s ended in %s (limit %.1f %%)",
                    rate * 100,
                    m.requests(),
                    m.route(),
                    what,
                    maxRate * 100)),
            evidence(measurements, m, m.failedTraceIds(), m.failedSpanIds())));
  }

  /**
   * The evidence of a finding on {@code m}. Its text is written here, only for a finding: most
   * routes are judged fine after every batch of their spans.
   */
  private static Evidence evidence(
      Map<String, Double> measurements, Measured m, List<String> traceIds, List<String> spanIds) {
    return new Evidence(
        String.format(
            Locale.ROOT,
            "%s: %d requests, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d errors, %d timeouts %s",
            m.route(),
            m.requests(),
            m.p50Ms(),
            m.p95Ms(),
            m.p99Ms(),
            m.errors(),
            m.timeouts(),
            m.from()),
        measurements,
        m.windowStart(),
        m.windowEnd(),
        m.sources(),
        traceIds,
        spanIds,
        List.of());
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
