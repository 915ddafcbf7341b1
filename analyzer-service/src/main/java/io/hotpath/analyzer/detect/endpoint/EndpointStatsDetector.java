package io.hotpath.analyzer.detect.endpoint;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.trace.Spans;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SLOW_ENDPOINT, ERROR_RATE and TIMEOUTS from endpoint statistics reports: each report is a window
 * of its own, each route judged by {@link Endpoints}. The route is spelled as for spans ({@code GET
 * /orders/{id}}, ids in a raw path collapsed), so both sources update one bottleneck. Rows with
 * impossible numbers (negative counts or latencies, more errors than requests) are skipped.
 */
public final class EndpointStatsDetector implements SignalDetector<EndpointStatsReported> {

  @Override
  public Class<EndpointStatsReported> input() {
    return EndpointStatsReported.class;
  }

  static String route(EndpointStats stats) {
    String path = Spans.parameterizePath(stats.route().trim());
    return stats.method() == null || stats.method().isBlank()
        ? path
        : stats.method().trim().toUpperCase(Locale.ROOT) + " " + path;
  }

  static boolean sensible(EndpointStats s) {
    return s.requests() >= 0
        && s.errors() >= 0
        && s.timeouts() >= 0
        && s.errors() <= s.requests()
        && s.timeouts() <= s.requests()
        && s.p50Ms() >= 0
        && s.p95Ms() >= 0
        && s.p99Ms() >= 0;
  }

  @Override
  public List<Finding> observe(EndpointStatsReported event, Thresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    for (EndpointStats stats : event.endpoints()) {
      if (!sensible(stats)) {
        continue;
      }
      findings.addAll(
          Endpoints.judge(
              event,
              thresholds,
              new Endpoints.Measured(
                  route(stats),
                  stats.requests(),
                  stats.errors(),
                  stats.timeouts(),
                  stats.p50Ms(),
                  stats.p95Ms(),
                  stats.p99Ms(),
                  event.windowStart(),
                  event.windowEnd(),
                  List.of(event.eventId()),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  "from endpoint statistics")));
    }
    return findings;
  }
}
