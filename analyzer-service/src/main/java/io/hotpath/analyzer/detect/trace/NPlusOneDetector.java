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
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * N+1: inside one trace, the same normalized SQL statement, or outgoing HTTP calls to one
 * parameterized URL, repeated under one parent at least {@code n-plus-one.min-repeats} times (5)
 * and costing at least {@code n-plus-one.min-total-ms} (50) together. Location {@code <parent span
 * name> -> query:<hash>} or {@code <parent span name> -> GET http://host/items/{id}}; impact the
 * total time of the repeats; severity by that total against {@code min-total-ms}.
 */
public final class NPlusOneDetector implements SignalDetector<SpansReceived> {
  public static final String MIN_REPEATS = "n-plus-one.min-repeats";
  public static final String MIN_TOTAL_MS = "n-plus-one.min-total-ms";
  static final int EXEMPLAR_SPANS = 10;

  private final SiblingCollector siblings;

  /** A detector whose spans are bounded per service only. */
  public NPlusOneDetector() {
    this(StateBudget.UNBOUNDED);
  }

  /** A detector whose services' waiting and remembered spans count against {@code budget}. */
  public NPlusOneDetector(StateBudget budget) {
    this.siblings =
        new SiblingCollector(
            s -> Spans.sql(s).isPresent() || Spans.httpClientTarget(s).isPresent(),
            budget,
            "nPlusOne");
  }

  @Override
  public Class<SpansReceived> input() {
    return SpansReceived.class;
  }

  /** What repeats: a statement or a call target, with what a person reads about it. */
  private record Target(String location, String description) {}

  private static Optional<Target> target(Span span) {
    Optional<Spans.Statement> sql = Spans.sql(span);
    if (sql.isPresent()) {
      return Optional.of(new Target(sql.get().location(), sql.get().normalized()));
    }
    return Spans.httpClientTarget(span).map(t -> new Target(t, t));
  }

  @Override
  public List<Finding> observe(SpansReceived event, Thresholds thresholds) {
    double minRepeats = thresholds.get(event.tenant(), event.service(), MIN_REPEATS, 5);
    double minTotalMs = thresholds.get(event.tenant(), event.service(), MIN_TOTAL_MS, 50);
    List<Finding> findings = new ArrayList<>();
    for (SiblingCollector.Siblings group : siblings.collect(event)) {
      Map<Target, List<Span>> repeats = new LinkedHashMap<>();
      for (Span child : group.children()) {
        target(child).ifPresent(t -> repeats.computeIfAbsent(t, k -> new ArrayList<>()).add(child));
      }
      for (Map.Entry<Target, List<Span>> entry : repeats.entrySet()) {
        List<Span> spans = entry.getValue();
        double totalMs = spans.stream().mapToDouble(Spans::durationMs).sum();
        if (spans.size() >= minRepeats && totalMs >= minTotalMs) {
          findings.add(
              finding(event, thresholds, group, entry.getKey(), spans, totalMs, minTotalMs));
        }
      }
    }
    return findings;
  }

  private static Finding finding(
      SpansReceived event,
      Thresholds thresholds,
      SiblingCollector.Siblings group,
      Target target,
      List<Span> spans,
      double totalMs,
      double minTotalMs) {
    int repeats = spans.size();
    double meanMs = totalMs / repeats;
    String location = group.parentName().toLowerCase(Locale.ROOT) + " -> " + target.location();
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.REPEATS, (double) repeats);
    measurements.put(EvidenceKeys.MEAN_MS, round(meanMs));
    measurements.put(EvidenceKeys.TOTAL_MS, round(totalMs));
    measurements.put(EvidenceKeys.THRESHOLD_MS, minTotalMs);
    measurements.put(EvidenceKeys.SAMPLES, (double) repeats);
    long start = spans.stream().mapToLong(Span::startEpochNanos).min().orElse(0);
    long end = spans.stream().mapToLong(Span::endEpochNanos).max().orElse(0);
    Evidence evidence =
        new Evidence(
            String.format(
                Locale.ROOT,
                "%d x %s under %s in trace %s: %.1f ms together (mean %.1f ms)%s",
                repeats,
                target.description(),
                group.parentName(),
                group.traceId(),
                totalMs,
                meanMs,
                source(group, target, spans).map(q -> ", after " + q).orElse("")),
            measurements,
            instant(start),
            instant(end),
            List.of(event.eventId()),
            List.of(group.traceId()),
            spans.stream().limit(EXEMPLAR_SPANS).map(Span::spanId).toList(),
            List.of());
    Impact impact =
        new Impact(
            round(totalMs),
            "ms",
            String.format(
                Locale.ROOT,
                "%d repeated calls under %s cost %.0f ms in one request",
                repeats,
                group.parentName(),
                totalMs));
    return new Finding(
        BottleneckType.N_PLUS_ONE,
        Severities.byRatio(
            totalMs / minTotalMs,
            BottleneckType.N_PLUS_ONE,
            thresholds,
            event.tenant(),
            event.service()),
        location,
        impact,
        evidence);
  }

  /**
   * The query the repeats likely iterate over: the last other SQL statement under the same parent
   * that ended before the first repeat started.
   */
  private static Optional<String> source(
      SiblingCollector.Siblings group, Target target, List<Span> repeats) {
    long firstStart = repeats.stream().mapToLong(Span::startEpochNanos).min().orElse(0);
    return group.children().stream()
        .filter(s -> s.endEpochNanos() <= firstStart)
        .map(s -> Spans.sql(s).map(Spans.Statement::normalized).orElse(null))
        .filter(q -> q != null && !q.equals(target.description()))
        .reduce((first, second) -> second);
  }

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }

  static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
