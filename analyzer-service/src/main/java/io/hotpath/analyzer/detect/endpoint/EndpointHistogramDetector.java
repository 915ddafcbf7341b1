package io.hotpath.analyzer.detect.endpoint;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * A series' last running total, as arrays: the event's boxed lists are not kept. Its bounds are
   * the previous point's array while they stay the same, as are the bounds in milliseconds of a
   * route's deltas, so a route's window holds one bounds array, not one per delta.
   */
  private static final class Series {
    double[] bounds;
    long count;
    double[] counts;
    int decreases;
  }

  /** What one series counted between two points. */
  private record Delta(
      Instant time, double[] boundsMs, double[] counts, long errors, long timeouts) {}

  /** One service's series and routes, weighed for a {@link StateBudget}. */
  private static final class ServiceState extends BoundedMap.Weighed {
    /** The state, its maps and the deque of sources with their ids. */
    static final int FIXED_BYTES = 200 + 5 * 32;

    /** A series' map entry, key with its three strings, and the series without its arrays. */
    static final int SERIES_BYTES = 40 + 32 + 3 * 56 + 40 + 2 * 16;

    /** A route's map entry, its string, and its deque without the deltas. */
    static final int ROUTE_BYTES = 40 + 56 + 40;

    /** A delta, its time and its counts array's header, and its deque slot. */
    static final int DELTA_BYTES = 40 + 24 + 16 + 8;

    final Map<SeriesKey, Series> series = new BoundedMap<>(SERIES_PER_SERVICE);
    final Map<String, Deque<Delta>> routes = new BoundedMap<>(ROUTES_PER_SERVICE);
    final Deque<UUID> sources = new ArrayDeque<>();

    @Override
    protected long bytes() {
      long bytes = FIXED_BYTES;
      for (Series s : series.values()) {
        bytes += SERIES_BYTES;
        if (s.bounds != null) {
          bytes += 8L * (s.bounds.length + s.counts.length);
        }
      }
      for (Deque<Delta> deltas : routes.values()) {
        bytes += ROUTE_BYTES;
        if (!deltas.isEmpty()) {
          Delta last = deltas.getLast();
          // A route's deltas share one bounds array while the bounds stay the same.
          bytes += 8L * last.boundsMs().length;
          bytes += deltas.size() * (DELTA_BYTES + 8L * last.counts().length);
        }
      }
      return bytes;
    }
  }

  private final BoundedMap.Budgeted<String, ServiceState> services;

  /** A detector whose windows are bounded per route and service only. */
  public EndpointHistogramDetector() {
    this(StateBudget.UNBOUNDED);
  }

  /**
   * A detector whose services' series and windows also count against {@code budget}: while it is
   * over, the least recently active services are forgotten.
   */
  public EndpointHistogramDetector(StateBudget budget) {
    this.services = BoundedMap.weighed(SERVICES, budget, "endpointHistogram");
  }

  @Override
  public Class<MetricsReceived> input() {
    return MetricsReceived.class;
  }

  @Override
  public List<Finding> observe(MetricsReceived event, Thresholds thresholds) {
    String key = event.tenant() + '/' + event.service();
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
        state = services.computeIfAbsent(key, k -> new ServiceState());
      }
      String status = status(point);
      Series series =
          state.series.computeIfAbsent(
              new SeriesKey(route, status, event.instance()), k -> new Series());
      double[] counts = increase(series, histogram);
      if (counts == null) {
        continue;
      }
      int code = parse(status);
      long n = 0;
      for (double c : counts) {
        n += (long) c;
      }
      Deque<Delta> deltas = state.routes.computeIfAbsent(route, k -> new ArrayDeque<>());
      double[] boundsMs = scaled(series.bounds, scale);
      if (!deltas.isEmpty() && Arrays.equals(deltas.getLast().boundsMs(), boundsMs)) {
        boundsMs = deltas.getLast().boundsMs();
      }
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
    if (state == null) {
      return List.of();
    }
    List<Finding> findings =
        touched.isEmpty() ? List.of() : judgeTouched(event, thresholds, state, touched);
    services.charge(key);
    return findings;
  }

  /** Judges the routes this event touched, over their windows. */
  private static List<Finding> judgeTouched(
      MetricsReceived event,
      Thresholds thresholds,
      ServiceState state,
      Map<String, Boolean> touched) {
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
    double[] bounds = deltas.getLast().boundsMs();
    double[] merged = new double[bounds.length + 1];
    long errors = 0;
    long timeouts = 0;
    Instant oldest = newest;
    for (Delta d : deltas) {
      if (!Arrays.equals(d.boundsMs(), bounds)) {
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

  /**
   * The counts this point adds to its series, or null when it is the series' first total; the point
   * becomes the series' last total.
   */
  private static double[] increase(Series series, Histogram now) {
    double[] current = now.counts().stream().mapToDouble(Long::doubleValue).toArray();
    double[] lastCounts = series.counts;
    long lastCount = series.count;
    boolean sameBounds = series.bounds != null && equal(series.bounds, now.bounds());
    if (!sameBounds) {
      series.bounds = now.bounds().stream().mapToDouble(Double::doubleValue).toArray();
    }
    series.count = now.count();
    series.counts = current;
    if (!sameBounds) {
      // A series that already showed it carries deltas counts its first point too.
      return series.decreases >= 2 ? current : null;
    }
    if (now.count() < lastCount) {
      series.decreases++;
      return current;
    }
    if (series.decreases >= 2) {
      return current;
    }
    double[] increase = new double[current.length];
    for (int i = 0; i < current.length; i++) {
      increase[i] = Math.max(0, current[i] - lastCounts[i]);
    }
    return increase;
  }

  /** Whether {@code bounds} holds the values of {@code list}, as {@link List#equals} tells. */
  private static boolean equal(double[] bounds, List<Double> list) {
    if (bounds.length != list.size()) {
      return false;
    }
    for (int i = 0; i < bounds.length; i++) {
      if (Double.doubleToLongBits(bounds[i]) != Double.doubleToLongBits(list.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static double[] scaled(double[] bounds, double scale) {
    double[] scaled = new double[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      scaled[i] = bounds[i] * scale;
    }
    return scaled;
  }

  /** Interpolated inside the bucket that holds the rank; the open last bucket gives its floor. */
  static double percentile(double[] bounds, double[] counts, double p) {
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    double rank = p * total;
    double seen = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && seen + counts[i] >= rank) {
        if (i >= bounds.length) {
          return bounds.length == 0 ? 0 : bounds[bounds.length - 1];
        }
        double lower = i == 0 ? 0 : bounds[i - 1];
        double upper = bounds[i];
        return lower + (upper - lower) * ((rank - seen) / counts[i]);
      }
      seen += counts[i];
    }
    return bounds.length == 0 ? 0 : bounds[bounds.length - 1];
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
