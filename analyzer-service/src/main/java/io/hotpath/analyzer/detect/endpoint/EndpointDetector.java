package io.hotpath.analyzer.detect.endpoint;

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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * SLOW_ENDPOINT, ERROR_RATE and TIMEOUTS from server spans: per route ({@code http.route}, else
 * method and parameterized path, else the span name), the requests of the last {@code
 * endpoint.window-seconds} (300) of event time, every request counted (a {@link LatencyWindow}),
 * judged by {@link Endpoints}. A request failed when its status is ERROR or its HTTP status is 5xx;
 * it timed out when its HTTP status is 504 or 408 or its {@code error.type}, {@code exception.type}
 * or {@code exception.message} mentions a timeout. Built with a {@link StateBudget}, a service's
 * windows count against it.
 */
public final class EndpointDetector implements SignalDetector<SpansReceived> {
  public static final String WINDOW_SECONDS = "endpoint.window-seconds";
  static final int ROUTES_PER_SERVICE = 1_000;
  static final int SERVICES = 10_000;
  static final int RECENT_SOURCES = 5;

  private static final class Route implements KeyedWindows.Sized {
    /** The deque of sources' fixed part with its ids. */
    static final int FIXED_BYTES = 96 + RECENT_SOURCES * 32;

    final LatencyWindow window = new LatencyWindow();
    final Deque<UUID> sources = new ArrayDeque<>();

    @Override
    public long bytes() {
      return FIXED_BYTES + window.bytes();
    }
  }

  private final BoundedMap.Budgeted<String, KeyedWindows<Route>> services;

  /** A detector whose windows are bounded per route only. */
  public EndpointDetector() {
    this(StateBudget.UNBOUNDED);
  }

  /**
   * A detector whose services' windows also count against {@code budget}: while it is over, the
   * least recently active services are forgotten.
   */
  public EndpointDetector(StateBudget budget) {
    this.services = BoundedMap.weighed(SERVICES, budget, "endpoint");
  }

  @Override
  public Class<SpansReceived> input() {
    return SpansReceived.class;
  }

  /** Whether a server span timed out. */
  static boolean timedOut(Span span) {
    int status = Spans.httpStatus(span);
    if (status == 504 || status == 408) {
      return true;
    }
    for (String key : List.of("error.type", "exception.type", "exception.message")) {
      String value = span.attributes().get(key);
      if (value != null && value.toLowerCase(Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  static boolean failed(Span span) {
    return span.status() == SpanStatus.ERROR || Spans.httpStatus(span) >= 500;
  }

  @Override
  public List<Finding> observe(SpansReceived event, Thresholds thresholds) {
    String key = event.tenant() + '/' + event.service();
    Map<String, Route> routes =
        services.computeIfAbsent(key, k -> new KeyedWindows<>(ROUTES_PER_SERVICE)).byKey();
    Map<String, Route> touched = new LinkedHashMap<>();
    for (Span span : event.spans()) {
      Spans.serverRoute(span)
          .ifPresent(
              name -> {
                Route route = routes.computeIfAbsent(name, k -> new Route());
                boolean timeout = timedOut(span);
                route.window.add(
                    new LatencyWindow.Sample(
                        span.endEpochNanos(),
                        Spans.durationMs(span),
                        span.traceId(),
                        span.spanId(),
                        failed(span) || timeout,
                        timeout,
                        Double.NaN));
                touched.put(name, route);
              });
    }
    long windowNanos =
        (long)
            (thresholds.get(event.tenant(), event.service(), WINDOW_SECONDS, 300) * 1_000_000_000L);
    List<Finding> findings = new ArrayList<>();
    touched.forEach(
        (name, route) -> {
          if (!route.sources.contains(event.eventId())) {
            route.sources.addLast(event.eventId());
            if (route.sources.size() > RECENT_SOURCES) {
              route.sources.removeFirst();
            }
          }
          LatencyWindow w = route.window;
          w.evictOlderThan(windowNanos);
          List<LatencyWindow.Sample> slow = w.slowest(3);
          List<LatencyWindow.Sample> failed = w.latestErrors(3);
          double[] p = w.percentilesMs(0.50, 0.95, 0.99);
          findings.addAll(
              Endpoints.judge(
                  event,
                  thresholds,
                  new Endpoints.Measured(
                      name,
                      w.count(),
                      w.errors(),
                      w.timeouts(),
                      p[0],
                      p[1],
                      p[2],
                      w.start(),
                      w.end(),
                      List.copyOf(route.sources),
                      slow.stream().map(LatencyWindow.Sample::traceId).distinct().toList(),
                      slow.stream().map(LatencyWindow.Sample::spanId).toList(),
                      failed.stream().map(LatencyWindow.Sample::traceId).distinct().toList(),
                      failed.stream().map(LatencyWindow.Sample::spanId).toList(),
                      "from server spans")));
        });
    services.charge(key);
    return findings;
  }
}
