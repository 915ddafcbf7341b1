package io.hotpath.analyzer.detect.metric;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.FutureTimes;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.CacheCounters;
import io.hotpath.contracts.telemetry.CacheCounters.Role;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Caches that miss too often, per cache name, from counters in any of the usual shapes:
 * Micrometer's {@code cache.gets} with {@code result=hit|miss}, {@code cache.requests} with or
 * without {@code result}, or {@code cache.hits} and {@code cache.misses} (Prometheus-style
 * spellings such as {@code cache_gets_total} too). The cache is named by the {@code cache}, {@code
 * cache.name} or {@code name} attribute. Counters may be cumulative or deltas (see {@link
 * Counters}).
 *
 * <p>A cache is reported at {@code cache:<name>} when, over {@code cache.window-seconds}, it served
 * at least {@code cache.min-requests} requests with a hit rate under {@code cache.min-hit-rate}.
 * Severity: hit rate under 50 % HIGH, under 75 % MEDIUM, else LOW. Impact: the miss rate in
 * percent.
 */
public final class CacheMissRateDetector implements SignalDetector<MetricsReceived> {
  public static final String LOCATION_PREFIX = CacheCounters.LOCATION_PREFIX;
  public static final String MIN_HIT_RATE = "cache.min-hit-rate";
  public static final String MIN_REQUESTS = "cache.min-requests";
  public static final String WINDOW_SECONDS = "cache.window-seconds";

  public static final double DEFAULT_MIN_HIT_RATE = 0.90;
  public static final double DEFAULT_MIN_REQUESTS = 100;
  public static final double DEFAULT_WINDOW_SECONDS = 300;
  public static final int DEFAULT_MAX_SERVICES = 10_000;
  public static final int DEFAULT_MAX_SERIES = 500;
  public static final int DEFAULT_MAX_POINTS = 720;

  private record SeriesKey(String cache, Role role, String instance, String attributes) {}

  private static final class ServiceState extends BoundedMap.Weighed {
    final Map<SeriesKey, Points> series;
    final Deque<UUID> recentEvents = new ArrayDeque<>();

    ServiceState(int maxSeries) {
      series = new BoundedMap<>(maxSeries);
    }

    @Override
    protected long bytes() {
      long bytes = 200 + 64L * recentEvents.size();
      for (Map.Entry<SeriesKey, Points> e : series.entrySet()) {
        SeriesKey key = e.getKey();
        bytes +=
            200
                + key.cache().length()
                + key.instance().length()
                + key.attributes().length()
                + e.getValue().bytes();
      }
      return bytes;
    }
  }

  private final int maxPoints;
  private final int maxSeries;
  private final BoundedMap.Budgeted<String, ServiceState> services;

  private final Clock clock;

  public CacheMissRateDetector() {
    this(DEFAULT_MAX_SERVICES, DEFAULT_MAX_SERIES, DEFAULT_MAX_POINTS);
  }

  /**
   * @param maxServices services whose counters are kept (least recently seen dropped first)
   * @param maxSeriesPerService counter series kept per service (least recently updated dropped)
   * @param maxPointsPerSeries points kept per series (oldest dropped first)
   */
  public CacheMissRateDetector(int maxServices, int maxSeriesPerService, int maxPointsPerSeries) {
    this(maxServices, maxSeriesPerService, maxPointsPerSeries, Clock.systemUTC());
  }

  /**
   * As {@link #CacheMissRateDetector(int, int, int)}, judging the plausibility of telemetry times
   * by {@code clock}.
   */
  public CacheMissRateDetector(
      int maxServices, int maxSeriesPerService, int maxPointsPerSeries, Clock clock) {
    this(maxServices, maxSeriesPerService, maxPointsPerSeries, StateBudget.UNBOUNDED, clock);
  }

  /**
   * As {@link #CacheMissRateDetector(int, int, int, Clock)}, its counters counting against {@code
   * budget} (the least recently active services forgotten while it is over).
   */
  public CacheMissRateDetector(
      int maxServices,
      int maxSeriesPerService,
      int maxPointsPerSeries,
      StateBudget budget,
      Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.services = BoundedMap.weighed(maxServices, budget, "cacheMissRate");
    this.maxSeries = maxSeriesPerService;
    this.maxPoints = maxPointsPerSeries;
  }

  @Override
  public Class<MetricsReceived> input() {
    return MetricsReceived.class;
  }

  @Override
  public synchronized List<Finding> observe(MetricsReceived event, Thresholds thresholds) {
    String tenant = event.tenant();
    String service = event.service();
    ServiceState state = null;
    for (MetricPoint point : event.points()) {
      Role role = CacheCounters.counted(point);
      if (role == null || FutureTimes.implausible(point.time(), clock)) {
        continue;
      }
      if (state == null) {
        state = services.computeIfAbsent(tenant + "/" + service, k -> new ServiceState(maxSeries));
      }
      SeriesKey key =
          new SeriesKey(
              CacheCounters.cacheName(point.attributes()),
              role,
              String.valueOf(event.instance()),
              new TreeMap<>(point.attributes()).toString());
      state
          .series
          .computeIfAbsent(key, k -> new Points(maxPoints))
          .put(point.time(), point.value());
    }
    if (state == null) {
      return List.of();
    }
    state.recentEvents.addLast(event.eventId());
    while (state.recentEvents.size() > 20) {
      state.recentEvents.removeFirst();
    }
    double minHitRate = thresholds.get(tenant, service, MIN_HIT_RATE, DEFAULT_MIN_HIT_RATE);
    double minRequests = thresholds.get(tenant, service, MIN_REQUESTS, DEFAULT_MIN_REQUESTS);
    Duration window =
        Duration.ofMillis(
            (long)
                (1000
                    * Math.max(
                        1,
                        thresholds.get(tenant, service, WINDOW_SECONDS, DEFAULT_WINDOW_SECONDS))));
    List<Finding> findings = evaluate(state, minHitRate, minRequests, window);
    services.charge(tenant + "/" + service);
    return findings;
  }

  private static final class Counts {
    double hits;
    double misses;
    double total;
    boolean hasHits;
    boolean hasMisses;
    boolean hasTotal;
    int points;
    Instant start;
    Instant end;
  }

  private List<Finding> evaluate(
      ServiceState state, double minHitRate, double minRequests, Duration window) {
    Instant latest =
        state.series.values().stream().map(Points::last).max(Instant::compareTo).orElseThrow();
    Instant from = latest.minus(window);
    Map<String, Counts> byCache = new TreeMap<>();
    for (Map.Entry<SeriesKey, Points> entry : state.series.entrySet()) {
      Points points = entry.getValue();
      points.forgetBefore(from.minus(window));
      int first = points.indexOf(from);
      int recent = points.size() - first;
      if (recent == 0) {
        continue;
      }
      Counts counts = byCache.computeIfAbsent(entry.getKey().cache(), c -> new Counts());
      double increase = Counters.increase(points, first);
      switch (entry.getKey().role()) {
        case HIT -> {
          counts.hits += increase;
          counts.hasHits = true;
        }
        case MISS -> {
          counts.misses += increase;
          counts.hasMisses = true;
        }
        case TOTAL -> {
          counts.total += increase;
          counts.hasTotal = true;
        }
      }
      counts.points += recent;
      Instant start = points.time(first);
      Instant end = points.last();
      counts.start = counts.start == null || start.isBefore(counts.start) ? start : counts.start;
      counts.end = counts.end == null || end.isAfter(counts.end) ? end : counts.end;
    }
    state.series.values().removeIf(Points::isEmpty);
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, Counts> entry : byCache.entrySet()) {
      Counts c = entry.getValue();
      double hits;
      double requests;
      if (c.hasHits && c.hasMisses) {
        hits = c.hits;
        requests = c.hits + c.misses;
      } else if (c.hasHits && c.hasTotal) {
        hits = c.hits;
        requests = Math.max(c.total, c.hits);
      } else if (c.hasMisses && c.hasTotal) {
        requests = Math.max(c.total, c.misses);
        hits = requests - c.misses;
      } else {
        continue;
      }
      if (requests < minRequests || requests <= 0) {
        continue;
      }
      double hitRate = hits / requests;
      if (hitRate < minHitRate) {
        findings.add(finding(entry.getKey(), hitRate, hits, requests, minHitRate, c, state));
      }
    }
    return findings;
  }

  /** Severity of a hit rate under the threshold. */
  static Severity severity(double hitRate) {
    if (hitRate < 0.5) {
      return Severity.HIGH;
    }
    if (hitRate < 0.75) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }

  private static Finding finding(
      String cache,
      double hitRate,
      double hits,
      double requests,
      double minHitRate,
      Counts counts,
      ServiceState state) {
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.HIT_RATE, Math.round(hitRate * 10_000) / 10_000.0);
    measurements.put(EvidenceKeys.REQUESTS, Math.rint(requests));
    measurements.put("hits", Math.rint(hits));
    measurements.put("misses", Math.rint(requests - hits));
    measurements.put(EvidenceKeys.THRESHOLD, minHitRate);
    measurements.put(EvidenceKeys.SAMPLES, (double) counts.points);
    String summary =
        String.format(
            Locale.ROOT,
            "cache %s hit %.1f %% of %.0f requests (goal >= %.0f %%)",
            cache,
            100 * hitRate,
            requests,
            100 * minHitRate);
    return new Finding(
        BottleneckType.CACHE_MISS_RATE,
        severity(hitRate),
        CacheCounters.location(cache),
        new Impact(Math.round((1 - hitRate) * 10_000) / 100.0, "% misses", summary),
        new Evidence(
            summary + " between " + counts.start + " and " + counts.end,
            measurements,
            counts.start,
            counts.end,
            List.copyOf(state.recentEvents),
            List.of(),
            List.of(),
            List.of()));
  }
}
