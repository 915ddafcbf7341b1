package io.hotpath.analyzer.detect.endpoint;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * SLOW_ENDPOINT, ERROR_RATE and TIMEOUTS from HTTP server duration histograms ({@code
 * http.server.request.duration} in seconds, {@code http.server.duration} in milliseconds, unless
 * the point's unit says otherwise), per route ({@code http.route} with the method; points without a
 * route are skipped). Histograms arrive as running totals per series (route, method, status,
 * instance): what a series counted between two points is their difference, a total that went down
 * is a restart (the new total is the increase), and a series whose total went down twice is taken
 * to carry deltas. The increases of the last {@code endpoint.window-seconds} (300) are merged per
 * route; percentiles are interpolated inside the buckets; requests with status 5xx are errors, 504
 * and 408 timeouts. Judged by {@link Endpoints}.
 */
public final class EndpointHistogramDetector implements SignalDetector<MetricsReceived> {
  static final int SERIES_PER_SERVICE = 5_000;
  static final int ROUTES_PER_SERVICE = 1_000;
  static final int DELTAS_PER_ROUTE = 1_000;
  static final int SERVICES = 10_000;

  private record SeriesKey(String route, String status, String instance) {}

  private static final class Series {
    Histogram last;
    int decreases;
  }

  /** What one series counted between two points. */
  private record Delta(
      Instant time, List<Double> boundsMs, double[] counts, long errors, long timeouts) {}

  private static final class ServiceState {
    final Map<SeriesKey, Series> series = new BoundedMap<>(SERIES_PER_SERVICE);
    final Map<String, Deque<Delta>> routes = new BoundedMap<>(ROUTES_PER_SERVICE);
    final Deque<UUID> sources = new ArrayDeque<>();
  }

  private final Map<String, ServiceState> services = new BoundedMap<>(SERVICES);

  @Override
  public Class<MetricsReceived> input() {
    return MetricsReceived.class;
  }

  @Override
  public List<Finding> observe(MetricsReceived event, Thresholds thresholds) {
    ServiceState state = null;
    Map<String, Boolean> touched = new LinkedHashMap<>();
    for (MetricPoint point : event.points()) {
      double scale = scaleToMs(point);
      String route = route(point);
      if (scale <= 0 || route == null || point.kind() != MetricKind.HISTOGRAM) {
        continue;
      }
      Histogram histogram = point.histogram();
      if (histogram.counts().isEmpty()) {
        continue;
      }
      if (state == null) {
        state =
            services.computeIfAbsent(
                event.tenant() + '/' + event.service(), k -> new ServiceState());
      }
      String status = status(point);
      Series series =
          state.series.computeIfAbsent(
              new SeriesKey(route, status, event.instance()), k -> new Series());
      double[] counts = increase(series, histogram);
      series.last = histogram;
      if (counts == null) {
        continue;
      }
      List<Double> boundsMs = histogram.bounds().stream().map(b -> b * scale).toList();
      int code = parse(status);
      long n = 0;
      for (double c : counts) {
        n += (long) c;
      }
      Deque<Delta> deltas = state.routes.computeIfAbsent(route, k -> new ArrayDeque<>());
      deltas.addLast(
          new Delta(
              point.time(),
              boundsMs,
              counts,
              code >= 500 ? n : 0,
              code == 504 || code == 408 ? n : 0));
      if (deltas.size() > DELTAS_PER_ROUTE) {
        deltas.removeFirst();
      }
      touched.put(route, true);
    }
    if (state == null || touched.isEmpty()) {
      return List.of();
    }
    if (!state.sources.contains(event.eventId())) {
      state.sources.addLast(event.eventId());
      if (state.sources.size() > 5) {
        state.sources.removeFirst();
      }
    }
    double windowSeconds =
        thresholds.get(event.tenant(), event.service(), EndpointDetector.WINDOW_SECONDS, 300);
    List<Finding> findings = new ArrayList<>();
    for (String route : touched.keySet()) {
      findings.addAll(judge(event, thresholds, route, state, windowSeconds));
    }
    return findings;
  }

  private static List<Finding> judge(
      MetricsReceived event,
      Thresholds thresholds,
      String route,
      ServiceState state,
      double windowSeconds) {
    Deque<Delta> deltas = state.routes.get(route);
    Instant newest = deltas.stream().map(Delta::time).max(Instant::compareTo).orElseThrow();
    Instant cutoff = newest.minusMillis((long) (windowSeconds * 1000));
    deltas.removeIf(d -> d.time().isBefore(cutoff));
    List<Double> bounds = deltas.getLast().boundsMs();
    double[] merged = new double[bounds.size() + 1];
    long errors = 0;
    long timeouts = 0;
    Instant oldest = newest;
    for (Delta d : deltas) {
      if (!d.boundsMs().equals(bounds)) {
        continue;
      }
      for (int i = 0; i < merged.length; i++) {
        merged[i] += d.counts()[i];
      }
      errors += d.errors();
      timeouts += d.timeouts();
      oldest = d.time().isBefore(oldest) ? d.time() : oldest;
    }
    long requests = 0;
    for (double c : merged) {
      requests += (long) c;
    }
    if (requests == 0) {
      return List.of();
    }
    return Endpoints.judge(
        event,
        thresholds,
        new Endpoints.Measured(
            route,
            requests,
            errors,
            timeouts,
            percentile(bounds, merged, 0.50),
            percentile(bounds, merged, 0.95),
            percentile(bounds, merged, 0.99),
            oldest,
            newest,
            List.copyOf(state.sources),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            "from HTTP server duration histograms"));
  }

  /** The counts this point adds to its series, or null when it is the series' first total. */
  private static double[] increase(Series series, Histogram now) {
    double[] current = now.counts().stream().mapToDouble(Long::doubleValue).toArray();
    Histogram last = series.last;
    if (last == null || !last.bounds().equals(now.bounds())) {
      // A series that already showed it carries deltas counts its first point too.
      return series.decreases >= 2 ? current : null;
    }
    if (now.count() < last.count()) {
      series.decreases++;
      return current;
    }
    if (series.decreases >= 2) {
      return current;
    }
    double[] increase = new double[current.length];
    for (int i = 0; i < current.length; i++) {
      increase[i] = Math.max(0, current[i] - last.counts().get(i));
    }
    return increase;
  }

  /** Interpolated inside the bucket that holds the rank; the open last bucket gives its floor. */
  static double percentile(List<Double> bounds, double[] counts, double p) {
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    double rank = p * total;
    double seen = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && seen + counts[i] >= rank) {
        if (i >= bounds.size()) {
          return bounds.isEmpty() ? 0 : bounds.get(bounds.size() - 1);
        }
        double lower = i == 0 ? 0 : bounds.get(i - 1);
        double upper = bounds.get(i);
        return lower + (upper - lower) * ((rank - seen) / counts[i]);
      }
      seen += counts[i];
    }
    return bounds.isEmpty() ? 0 : bounds.get(bounds.size() - 1);
  }

  private static double scaleToMs(MetricPoint point) {
    String unit = point.unit() == null ? "" : point.unit().trim().toLowerCase(Locale.ROOT);
    if (point.name().equals("http.server.request.duration")) {
      return unit.equals("ms") ? 1 : 1000;
    }
    if (point.name().equals("http.server.duration")) {
      return unit.equals("s") ? 1000 : 1;
    }
    return 0;
  }

  private static String route(MetricPoint point) {
    Map<String, String> a = point.attributes();
    String route = a.get("http.route");
    if (route == null || route.isBlank()) {
      return null;
    }
    String method = a.getOrDefault("http.request.method", a.get("http.method"));
    return method == null || method.isBlank()
        ? route.trim()
        : method.trim().toUpperCase(Locale.ROOT) + " " + route.trim();
  }

  private static String status(MetricPoint point) {
    Map<String, String> a = point.attributes();
    String status = a.getOrDefault("http.response.status_code", a.get("http.status_code"));
    return status == null ? "" : status.trim();
  }

  private static int parse(String status) {
    try {
      return status.isEmpty() ? 0 : Integer.parseInt(status);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
