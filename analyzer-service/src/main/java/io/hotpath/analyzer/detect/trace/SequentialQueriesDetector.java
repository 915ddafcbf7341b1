package io.hotpath.analyzer.detect.trace;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.Severities;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sequential queries: under one parent, at least {@code sequential-queries.min-distinct} (3)
 * different SQL statements that ran one after another without overlapping, together longer than
 * {@code sequential-queries.min-total-ms} (50). Run in parallel they would take as long as the
 * longest of them, so the impact is {@code totalMs - parallelMs}. Whether the queries really are
 * independent is for a person to check: the spans cannot say it. Location {@code <parent span name>
 * -> sequential:<hash of the statements>}; severity by the impact against {@code min-total-ms}.
 */
public final class SequentialQueriesDetector implements SignalDetector<SpansReceived> {
  public static final String MIN_DISTINCT = "sequential-queries.min-distinct";
  public static final String MIN_TOTAL_MS = "sequential-queries.min-total-ms";

  private final SiblingCollector siblings;

  /** A detector whose spans are bounded per service only. */
  public SequentialQueriesDetector() {
    this(StateBudget.UNBOUNDED);
  }

  /** A detector whose services' waiting and remembered spans count against {@code budget}. */
  public SequentialQueriesDetector(StateBudget budget) {
    this.siblings =
        new SiblingCollector(s -> Spans.sql(s).isPresent(), budget, "sequentialQueries");
  }

  @Override
  public Class<SpansReceived> input() {
    return SpansReceived.class;
  }

  private record Query(Span span, Spans.Statement statement) {}

  @Override
  public List<Finding> observe(SpansReceived event, Thresholds thresholds) {
    double minDistinct = thresholds.get(event.tenant(), event.service(), MIN_DISTINCT, 3);
    double minTotalMs = thresholds.get(event.tenant(), event.service(), MIN_TOTAL_MS, 50);
    List<Finding> findings = new ArrayList<>();
    for (SiblingCollector.Siblings group : siblings.collect(event)) {
      List<Query> queries =
          group.children().stream()
              .map(s -> new Query(s, Spans.sql(s).orElseThrow()))
              .sorted(Comparator.comparingLong(q -> q.span().startEpochNanos()))
              .toList();
      for (List<Query> chain : chains(queries)) {
        Map<String, Double> byStatement = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Query q : chain) {
          byStatement.merge(q.statement().location(), Spans.durationMs(q.span()), Double::sum);
          texts.put(q.statement().location(), q.statement().normalized());
        }
        double totalMs = byStatement.values().stream().mapToDouble(d -> d).sum();
        if (byStatement.size() >= minDistinct && totalMs > minTotalMs) {
          double parallelMs = byStatement.values().stream().mapToDouble(d -> d).max().orElse(0);
          findings.add(
              finding(event, thresholds, group, chain, texts, totalMs, parallelMs, minTotalMs));
        }
      }
    }
    return findings;
  }

  /** Maximal runs of queries where each starts after every earlier one in the run ended. */
  private static List<List<Query>> chains(List<Query> sorted) {
    List<List<Query>> chains = new ArrayList<>();
    List<Query> current = new ArrayList<>();
    long end = Long.MIN_VALUE;
    for (Query q : sorted) {
      if (!current.isEmpty() && q.span().startEpochNanos() < end) {
        chains.add(current);
        current = new ArrayList<>();
        end = Long.MIN_VALUE;
      }
      current.add(q);
      end = Math.max(end, q.span().endEpochNanos());
    }
    if (!current.isEmpty()) {
      chains.add(current);
    }
    return chains;
  }

  private static Finding finding(
      SpansReceived event,
      Thresholds thresholds,
      SiblingCollector.Siblings group,
      List<Query> chain,
      Map<String, String> texts,
      double totalMs,
      double parallelMs,
      double minTotalMs) {
    double savedMs = totalMs - parallelMs;
    String statements = String.join("+", new TreeSet<>(texts.keySet()));
    String location =
        group.parentName().toLowerCase(Locale.ROOT)
            + " -> sequential:"
            + SqlNormalizer.location(statements).substring(SqlNormalizer.LOCATION_PREFIX.length());
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.SAMPLES, (double) chain.size());
    measurements.put(EvidenceKeys.TOTAL_MS, NPlusOneDetector.round(totalMs));
    measurements.put(EvidenceKeys.PARALLEL_MS, NPlusOneDetector.round(parallelMs));
    measurements.put(EvidenceKeys.THRESHOLD_MS, minTotalMs);
    Evidence evidence =
        new Evidence(
            String.format(
                Locale.ROOT,
                "%d different queries one after another under %s in trace %s: %.1f ms, %.1f ms"
                    + " if run in parallel: %s",
                texts.size(),
                group.parentName(),
                group.traceId(),
                totalMs,
                parallelMs,
                String.join("; ", texts.values())),
            measurements,
            NPlusOneDetector.instant(chain.get(0).span().startEpochNanos()),
            NPlusOneDetector.instant(
                chain.stream().mapToLong(q -> q.span().endEpochNanos()).max().orElse(0)),
            List.of(event.eventId()),
            List.of(group.traceId()),
            chain.stream()
                .limit(NPlusOneDetector.EXEMPLAR_SPANS)
                .map(q -> q.span().spanId())
                .toList(),
            List.of());
    Impact impact =
        new Impact(
            NPlusOneDetector.round(savedMs),
            "ms",
            String.format(
                Locale.ROOT,
                "%d sequential queries under %s: %.0f ms that parallel queries could save",
                texts.size(),
                group.parentName(),
                savedMs));
    return new Finding(
        BottleneckType.SEQUENTIAL_QUERIES,
        Severities.byRatio(
            savedMs / minTotalMs,
            BottleneckType.SEQUENTIAL_QUERIES,
            thresholds,
            event.tenant(),
            event.service()),
        location,
        impact,
        evidence);
  }
}
