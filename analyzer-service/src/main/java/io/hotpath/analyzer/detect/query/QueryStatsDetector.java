package io.hotpath.analyzer.detect.query;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SLOW_QUERY from query statistics ({@code pg_stat_statements} and the like): each report is a
 * window of its own. Rows that normalize to one statement are merged (calls and time added, the
 * largest p95 kept, a sequential scan in any of them counts), then judged by {@link SlowQueries}.
 * The location is the same as for spans, so both sources update one bottleneck.
 */
public final class QueryStatsDetector implements SignalDetector<QueryStatsReported> {

  @Override
  public Class<QueryStatsReported> input() {
    return QueryStatsReported.class;
  }

  private static final class Merged {
    long calls;
    double totalMs;
    Double p95Ms;
    long rows;
    boolean rowsKnown;
    Boolean seqScan;
  }

  @Override
  public List<Finding> observe(QueryStatsReported event, Thresholds thresholds) {
    Map<String, Merged> byStatement = new LinkedHashMap<>();
    for (QueryStats stats : event.queries()) {
      if (stats.calls() <= 0 || stats.totalMs() < 0 || stats.meanMs() < 0) {
        continue;
      }
      String normalized = SqlNormalizer.normalize(stats.query());
      if (normalized.isEmpty()) {
        continue;
      }
      Merged m = byStatement.computeIfAbsent(normalized, k -> new Merged());
      m.calls += stats.calls();
      m.totalMs += stats.totalMs() > 0 ? stats.totalMs() : stats.meanMs() * stats.calls();
      if (stats.p95Ms() != null) {
        m.p95Ms = m.p95Ms == null ? stats.p95Ms() : Math.max(m.p95Ms, stats.p95Ms());
      }
      if (stats.rows() != null) {
        m.rows += stats.rows();
        m.rowsKnown = true;
      }
      if (stats.sequentialScan() != null) {
        m.seqScan = Boolean.TRUE.equals(m.seqScan) || stats.sequentialScan();
      }
    }
    List<Finding> findings = new ArrayList<>();
    byStatement.forEach(
        (normalized, m) ->
            SlowQueries.judge(
                    event,
                    thresholds,
                    new SlowQueries.Measured(
                        normalized,
                        m.calls,
                        m.totalMs / m.calls,
                        m.p95Ms,
                        m.rowsKnown ? (double) m.rows / m.calls : null,
                        m.seqScan,
                        event.windowStart(),
                        event.windowEnd(),
                        List.of(event.eventId()),
                        List.of(),
                        List.of(),
                        "from query statistics"))
                .ifPresent(findings::add));
    return findings;
  }
}
