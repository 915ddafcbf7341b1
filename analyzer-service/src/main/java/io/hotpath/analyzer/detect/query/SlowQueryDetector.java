package io.hotpath.analyzer.detect.query;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.KeyedWindows;
import io.hotpath.analyzer.detect.LatencyWindow;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.trace.Spans;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SLOW_QUERY from database client spans: per normalized statement, the calls of the last {@code
 * slow-query.window-seconds} (300) of event time, every call counted (a {@link LatencyWindow}),
 * judged by {@link SlowQueries}. Exemplars are the slowest calls. Only statements this batch
 * touched are judged again. Built with a {@link StateBudget}, a service's windows count against it.
 */
public final class SlowQueryDetector implements SignalDetector<SpansReceived> {
  public static final String WINDOW_SECONDS = "slow-query.window-seconds";
  static final int STATEMENTS_PER_SERVICE = 1_000;
  static final int SERVICES = 10_000;
  static final int RECENT_SOURCES = 5;

  private static final class Statement implements KeyedWindows.Sized {
    /** The normalized text's fixed part, and the deque of sources' with its ids. */
    static final int FIXED_BYTES = 56 + 96 + RECENT_SOURCES * 32;

    final String normalized;
    final LatencyWindow window = new LatencyWindow();
    final Deque<UUID> sources = new ArrayDeque<>();

    Statement(String normalized) {
      this.normalized = normalized;
    }

    @Override
    public long bytes() {
      return FIXED_BYTES + 2L * normalized.length() + window.bytes();
    }
  }

  private final BoundedMap.Budgeted<String, KeyedWindows<Statement>> services;

  /** A detector whose windows are bounded per statement only. */
  public SlowQueryDetector() {
    this(StateBudget.UNBOUNDED);
  }

  /**
   * A detector whose services' windows also count against {@code budget}: while it is over, the
   * least recently active services are forgotten.
   */
  public SlowQueryDetector(StateBudget budget) {
    this.services = BoundedMap.weighed(SERVICES, budget, "slowQuery");
  }

  @Override
  public Class<SpansReceived> input() {
    return SpansReceived.class;
  }

  @Override
  public List<Finding> observe(SpansReceived event, Thresholds thresholds) {
    String key = event.tenant() + '/' + event.service();
    Map<String, Statement> statements =
        services.computeIfAbsent(key, k -> new KeyedWindows<>(STATEMENTS_PER_SERVICE)).byKey();
    Map<String, Statement> touched = new LinkedHashMap<>();
    for (Span span : event.spans()) {
      Spans.sql(span)
          .ifPresent(
              sql -> {
                Statement statement =
                    statements.computeIfAbsent(
                        sql.location(), k -> new Statement(sql.normalized()));
                statement.window.add(
                    new LatencyWindow.Sample(
                        span.endEpochNanos(),
                        Spans.durationMs(span),
                        span.traceId(),
                        span.spanId(),
                        span.status() == SpanStatus.ERROR,
                        false,
                        rows(span)));
                touched.put(sql.location(), statement);
              });
    }
    long windowNanos =
        (long)
            (thresholds.get(event.tenant(), event.service(), WINDOW_SECONDS, 300) * 1_000_000_000L);
    List<Finding> findings = new ArrayList<>();
    for (Statement statement : touched.values()) {
      if (!statement.sources.contains(event.eventId())) {
        statement.sources.addLast(event.eventId());
        if (statement.sources.size() > RECENT_SOURCES) {
          statement.sources.removeFirst();
        }
      }
      LatencyWindow window = statement.window;
      window.evictOlderThan(windowNanos);
      List<LatencyWindow.Sample> slowest = window.slowest(3);
      SlowQueries.judge(
              event,
              thresholds,
              new SlowQueries.Measured(
                  statement.normalized,
                  window.count(),
                  window.meanMs(),
                  window.percentileMs(0.95),
                  window.rowsPerCall(),
                  null,
                  window.start(),
                  window.end(),
                  List.copyOf(statement.sources),
                  slowest.stream().map(LatencyWindow.Sample::traceId).distinct().toList(),
                  slowest.stream().map(LatencyWindow.Sample::spanId).toList(),
                  "from database client spans"))
          .ifPresent(findings::add);
    }
    services.charge(key);
    return findings;
  }

  private static double rows(Span span) {
    String rows = span.attributes().get("db.response.returned_rows");
    if (rows == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(rows);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
