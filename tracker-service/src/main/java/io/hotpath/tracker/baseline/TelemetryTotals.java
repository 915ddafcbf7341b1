package io.hotpath.tracker.baseline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.CacheCounters;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.FunctionalityChecked;
import io.hotpath.contracts.telemetry.LockWaits;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileFrames;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running sums of one version's telemetry (per tenant, service, environment and version), from
 * which its measured baseline is computed ({@link BaselineFigures}). Sums rather than figures, so
 * every report adds exactly its share and the order of reports does not matter. Stored as JSON.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TelemetryTotals {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Statements kept per version; later new ones are only counted ({@code statementsLeftOut}), so a
   * service that sends ever new SQL cannot grow one row without bound.
   */
  static final int MAX_STATEMENTS = 2000;

  /** How much of a statement's normalized text is kept to show; its location names it. */
  static final int STATEMENT_TEXT = 300;

  /**
   * Cache counter series kept per version (a series: one counter of one cache on one instance with
   * one set of attributes); later new ones are only counted ({@code cacheSeriesLeftOut}).
   */
  static final int MAX_CACHE_SERIES = 1000;

  /** Waiting functions kept per version; later new ones are only counted. */
  static final int MAX_LOCK_FRAMES = 500;

  long startupReports;
  long endpointWindows;
  long resourceSamples;
  long functionalityRuns;
  long queryWindows;
  long statementsLeftOut;
  Mean coldStartMs = new Mean();
  Mean warmStartMs = new Mean();
  Mean timeToReadyMs = new Mean();
  Mean startupMemoryMb = new Mean();
  Map<String, Mean> phasesMs = new TreeMap<>();
  Map<String, Endpoint> endpoints = new TreeMap<>();
  Mean cpuPercent = new Mean();
  Mean heapUsedMb = new Mean();
  Mean heapAfterGcMb = new Mean();
  Mean rssMb = new Mean();
  Fit heapAfterGcGrowth = new Fit();
  Mean dbConnectionsActive = new Mean();
  Integer dbConnectionsActiveMax;
  Integer dbConnectionsMax;
  Integer dbConnectionsPendingMax;
  Map<String, Check> checks = new TreeMap<>();
  Map<String, Statement> queries = new TreeMap<>();
  long metricBatches;
  long cacheSeriesLeftOut;
  Map<String, CacheSeries> cacheSeries = new TreeMap<>();
  long lockProfiles;
  double lockProfiledMs;
  double lockWaitMs;
  long lockFramesLeftOut;
  Map<String, LockFrame> lockFrames = new TreeMap<>();

  /**
   * One cache counter series, read whatever its temporality as the analyzer reads it (see {@link
   * CacheCounters}): both readings are summed as points arrive, the increases between running
   * totals (a reset counting the new total) and the points as deltas; which one counts is decided
   * by the series' decreases. A point not newer than the series' latest is left out.
   */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class CacheSeries {
    String cache;
    CacheCounters.Role role;
    long points;
    long lastAtMs;
    double last;
    int decreases;
    double increases;
    double deltas;

    void add(long atMs, double value) {
      if (points > 0) {
        if (atMs <= lastAtMs) {
          return;
        }
        if (value < last) {
          decreases++;
        }
        increases += CacheCounters.increase(last, value);
      }
      deltas += Math.max(0, value);
      points++;
      last = value;
      lastAtMs = atMs;
    }

    double counted() {
      return decreases >= CacheCounters.DELTA_AFTER_DECREASES ? deltas : increases;
    }
  }

  /** One waiting function's lock wait over the version's lock profiles. */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class LockFrame {
    long profiles;
    double waitMs;
  }

  /** A mean kept as count and sum. */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class Mean {
    long n;
    double sum;
    Double max;

    void add(double value) {
      n++;
      sum += value;
      max = max == null ? value : Math.max(max, value);
    }

    Double value() {
      return n == 0 ? null : sum / n;
    }
  }

  /** A least-squares line through (hours since the first sample, value): growth per hour. */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class Fit {
    Long anchorEpochMs;
    long n;
    double sx;
    double sy;
    double sxx;
    double sxy;

    void add(Instant at, double value) {
      if (anchorEpochMs == null) {
        anchorEpochMs = at.toEpochMilli();
      }
      double x = (at.toEpochMilli() - anchorEpochMs) / 3_600_000.0;
      n++;
      sx += x;
      sy += value;
      sxx += x * x;
      sxy += x * value;
    }

    Double slope() {
      double d = n * sxx - sx * sx;
      return n < 2 || Math.abs(d) < 1e-12 ? null : (n * sxy - sx * sy) / d;
    }
  }

  /** One route's counts and request-weighted percentile sums. */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class Endpoint {
    long windows;
    long requests;
    long errors;
    long timeouts;
    double seconds;
    double p50Weighted;
    double p95Weighted;
    double p99Weighted;
  }

  /**
   * One statement (by its location, {@code query:<hash>}) over every query-statistics window: calls
   * and time summed; p95 weighted by the calls of the windows that had one.
   */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class Statement {
    String sql;
    long windows;
    long calls;
    double totalMs;
    long p95Calls;
    double p95Weighted;
  }

  /** One functional check's runs. */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  static final class Check {
    long runs;
    long failures;
    boolean lastPassed;
    String lastAt;
    String lastDetail;
  }

  public static TelemetryTotals empty() {
    return new TelemetryTotals();
  }

  public static TelemetryTotals fromJson(String json) {
    try {
      return JSON.readValue(json, TelemetryTotals.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored telemetry totals are not readable JSON", e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write telemetry totals", e);
    }
  }

  /**
   * A start: its duration (time to ready where measured, else the sum of its phases) counts as a
   * cold or a warm start; each phase, time to ready and startup memory add to their means.
   */
  public void add(StartupReported r) {
    startupReports++;
    long phases = r.phases().stream().mapToLong(StartupPhase::durationMs).sum();
    Long ready = r.timeToReadyMs() != null && r.timeToReadyMs() >= 0 ? r.timeToReadyMs() : null;
    double duration = ready != null ? ready : phases;
    (r.startType() == StartType.WARM ? warmStartMs : coldStartMs).add(duration);
    if (ready != null) {
      timeToReadyMs.add(ready);
    }
    if (sensible(r.startupMemoryMb())) {
      startupMemoryMb.add(r.startupMemoryMb());
    }
    for (StartupPhase phase : r.phases()) {
      phasesMs.computeIfAbsent(phase.name(), name -> new Mean()).add(phase.durationMs());
    }
  }

  /** A window of endpoint statistics: counts add up, percentiles weigh by requests. */
  public void add(EndpointStatsReported r) {
    endpointWindows++;
    double seconds =
        Math.max(0, Duration.between(r.windowStart(), r.windowEnd()).toMillis() / 1000.0);
    for (EndpointStats s : r.endpoints()) {
      if (!sensible(s)) {
        continue;
      }
      Endpoint e = endpoints.computeIfAbsent(routeOf(s), name -> new Endpoint());
      e.windows++;
      e.seconds += seconds;
      long requests = s.requests();
      e.requests += requests;
      e.errors += s.errors();
      e.timeouts += s.timeouts();
      e.p50Weighted += s.p50Ms() * requests;
      e.p95Weighted += s.p95Ms() * requests;
      e.p99Weighted += s.p99Ms() * requests;
    }
  }

  /** Resource samples: means of what each sample measured, growth of heap after GC. */
  public void add(ResourcesSampled r) {
    for (ResourceSample s : r.samples()) {
      resourceSamples++;
      if (sensible(s.cpuPercent())) {
        cpuPercent.add(s.cpuPercent());
      }
      if (sensible(s.heapUsedMb())) {
        heapUsedMb.add(s.heapUsedMb());
      }
      if (sensible(s.heapAfterGcMb())) {
        heapAfterGcMb.add(s.heapAfterGcMb());
        heapAfterGcGrowth.add(s.time(), s.heapAfterGcMb());
      }
      if (sensible(s.rssMb())) {
        rssMb.add(s.rssMb());
      }
      if (s.dbConnectionsActive() != null) {
        dbConnectionsActive.add(s.dbConnectionsActive());
        dbConnectionsActiveMax = max(dbConnectionsActiveMax, s.dbConnectionsActive());
      }
      dbConnectionsMax = max(dbConnectionsMax, s.dbConnectionsMax());
      dbConnectionsPendingMax = max(dbConnectionsPendingMax, s.dbConnectionsPending());
    }
  }

  /** A run of functional checks: per check, runs, failures and the latest outcome. */
  public void add(FunctionalityChecked r) {
    functionalityRuns++;
    for (FunctionalityCheck c : r.checks()) {
      Check check = checks.computeIfAbsent(c.name(), name -> new Check());
      check.runs++;
      if (!c.passed()) {
        check.failures++;
      }
      Instant lastAt = check.lastAt == null ? null : Instant.parse(check.lastAt);
      if (lastAt == null || !r.eventTime().isBefore(lastAt)) {
        check.lastPassed = c.passed();
        check.lastAt = r.eventTime().toString();
        check.lastDetail = c.detail();
      }
    }
  }

  /**
   * A window of query statistics. Rows are named as the analyzer names a slow query ({@link
   * SqlNormalizer#locate}); rows that normalize alike are one statement, as in the analyzer (calls
   * and time added, the largest p95 kept). A row's time is its total, else its mean × calls. Rows
   * without calls, or with a negative or non-finite time, are left out.
   */
  public void add(QueryStatsReported r) {
    queryWindows++;
    Map<String, WindowRow> window = new LinkedHashMap<>();
    for (QueryStats s : r.queries()) {
      if (s.calls() <= 0 || !sensible(s.totalMs()) || !sensible(s.meanMs())) {
        continue;
      }
      String normalized = SqlNormalizer.normalize(s.query());
      if (normalized.isEmpty()) {
        continue;
      }
      WindowRow w =
          window.computeIfAbsent(
              SqlNormalizer.location(normalized), location -> new WindowRow(normalized));
      w.calls += s.calls();
      w.totalMs += s.totalMs() > 0 ? s.totalMs() : s.meanMs() * s.calls();
      if (sensible(s.p95Ms())) {
        w.p95Ms = w.p95Ms == null ? s.p95Ms() : Math.max(w.p95Ms, s.p95Ms());
      }
    }
    window.forEach(
        (location, w) -> {
          Statement st = queries.get(location);
          if (st == null) {
            if (queries.size() >= MAX_STATEMENTS) {
              statementsLeftOut++;
              return;
            }
            st = new Statement();
            st.sql =
                w.sql.length() <= STATEMENT_TEXT
                    ? w.sql
                    : w.sql.substring(0, STATEMENT_TEXT) + "\u2026";
            queries.put(location, st);
          }
          st.windows++;
          st.calls += w.calls;
          st.totalMs += w.totalMs;
          if (w.p95Ms != null) {
            st.p95Calls += w.calls;
            st.p95Weighted += w.p95Ms * w.calls;
          }
        });
  }

  /** One statement within one query-statistics window. */
  private static final class WindowRow {
    final String sql;
    long calls;
    double totalMs;
    Double p95Ms;

    WindowRow(String sql) {
      this.sql = sql;
    }
  }

  /** True when the batch holds a cache counter: only those count, anything else is skipped. */
  public static boolean hasCacheCounters(MetricsReceived r) {
    for (MetricPoint p : r.points()) {
      if (CacheCounters.counted(p) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * A batch of metrics: its cache counters, per series (cache, what it counts, instance and
   * attributes) in time order. False when it held none.
   */
  public boolean add(MetricsReceived r) {
    List<MetricPoint> counters = new ArrayList<>();
    for (MetricPoint p : r.points()) {
      if (CacheCounters.counted(p) != null) {
        counters.add(p);
      }
    }
    if (counters.isEmpty()) {
      return false;
    }
    metricBatches++;
    counters.sort(Comparator.comparing(MetricPoint::time));
    for (MetricPoint p : counters) {
      CacheCounters.Role role = CacheCounters.counted(p);
      String cache = CacheCounters.cacheName(p.attributes());
      String key = cache + " " + role + " " + r.instance() + " " + new TreeMap<>(p.attributes());
      CacheSeries series = cacheSeries.get(key);
      if (series == null) {
        if (cacheSeries.size() >= MAX_CACHE_SERIES) {
          cacheSeriesLeftOut++;
          continue;
        }
        series = new CacheSeries();
        series.cache = cache;
        series.role = role;
        cacheSeries.put(key, series);
      }
      series.add(p.time().toEpochMilli(), p.value());
    }
    return true;
  }

  /** True when the profile measures lock wait (a LOCK profile in a unit of time). */
  public static boolean measuresLockWait(ProfileCaptured p) {
    return LockWaits.measuresWait(p.profileType(), p.unit());
  }

  /**
   * A lock profile: each stack's wait charged to its waiting function as the analyzer charges it
   * ({@link LockWaits}); the profile's window adds to the time profiled. False when it is no lock
   * profile in a unit of time.
   */
  public boolean add(ProfileCaptured p) {
    if (!measuresLockWait(p)) {
      return false;
    }
    lockProfiles++;
    lockProfiledMs += Math.max(0, Duration.between(p.windowStart(), p.windowEnd()).toMillis());
    Map<String, Double> waits = new LinkedHashMap<>();
    for (StackSample stack : p.stacks()) {
      double ms = ProfileFrames.millis(p.unit(), stack.value());
      String function = LockWaits.waitingFunction(stack.frames());
      if (function == null || !(ms > 0) || !Double.isFinite(ms)) {
        continue;
      }
      waits.merge(LockWaits.location(function), ms, Double::sum);
    }
    waits.forEach(
        (location, ms) -> {
          lockWaitMs += ms;
          LockFrame frame = lockFrames.get(location);
          if (frame == null) {
            if (lockFrames.size() >= MAX_LOCK_FRAMES) {
              lockFramesLeftOut++;
              return;
            }
            frame = new LockFrame();
            lockFrames.put(location, frame);
          }
          frame.profiles++;
          frame.waitMs += ms;
        });
    return true;
  }

  /** A measurement an agent could have sent: present, finite, not negative. */
  private static boolean sensible(Double value) {
    return value != null && Double.isFinite(value) && value >= 0;
  }

  /** Counts that add up and percentiles that are numbers; anything else is left out. */
  private static boolean sensible(EndpointStats s) {
    return s.requests() >= 0
        && s.errors() >= 0
        && s.timeouts() >= 0
        && s.errors() <= s.requests()
        && s.timeouts() <= s.requests()
        && Double.isFinite(s.p50Ms())
        && Double.isFinite(s.p95Ms())
        && Double.isFinite(s.p99Ms())
        && s.p50Ms() >= 0
        && s.p95Ms() >= 0
        && s.p99Ms() >= 0;
  }

  /** The route as the analyzer names it: {@code GET /orders/{id}}. */
  static String routeOf(EndpointStats s) {
    String route = s.route().trim();
    return s.method() == null || s.method().isBlank()
        ? route
        : s.method().trim().toUpperCase(Locale.ROOT) + " " + route;
  }

  private static Integer max(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }

  public long startupReports() {
    return startupReports;
  }

  public long endpointWindows() {
    return endpointWindows;
  }

  public long queryWindows() {
    return queryWindows;
  }

  public long lockProfiles() {
    return lockProfiles;
  }

  /**
   * Per cache (by location, {@code cache:<name>}): hits and misses from whichever counters it has,
   * as the analyzer combines them (hits and misses; else hits or misses beside the requests).
   */
  private Map<String, BaselineFigures.CacheFigures> caches() {
    Map<String, double[]> sums = new TreeMap<>();
    Map<String, boolean[]> has = new TreeMap<>();
    Map<String, Long> series = new TreeMap<>();
    cacheSeries.forEach(
        (key, s) -> {
          String location = CacheCounters.location(s.cache);
          sums.computeIfAbsent(location, l -> new double[3])[s.role.ordinal()] += s.counted();
          has.computeIfAbsent(location, l -> new boolean[3])[s.role.ordinal()] = true;
          series.merge(location, 1L, Long::sum);
        });
    Map<String, BaselineFigures.CacheFigures> caches = new TreeMap<>();
    int hit = CacheCounters.Role.HIT.ordinal();
    int miss = CacheCounters.Role.MISS.ordinal();
    int total = CacheCounters.Role.TOTAL.ordinal();
    sums.forEach(
        (location, c) -> {
          boolean[] h = has.get(location);
          Double hits = null;
          Double requests = null;
          if (h[hit] && h[miss]) {
            hits = c[hit];
            requests = c[hit] + c[miss];
          } else if (h[hit] && h[total]) {
            hits = c[hit];
            requests = Math.max(c[total], c[hit]);
          } else if (h[miss] && h[total]) {
            requests = Math.max(c[total], c[miss]);
            hits = requests - c[miss];
          }
          Double hitRate = requests == null || requests <= 0 ? null : hits / requests;
          caches.put(
              location,
              new BaselineFigures.CacheFigures(
                  series.get(location),
                  round(requests),
                  round(hits),
                  requests == null ? null : round(requests - hits),
                  hitRate == null ? null : Math.round(hitRate * 10_000) / 10_000.0,
                  hitRate == null ? null : round(100 * (1 - hitRate))));
        });
    return caches;
  }

  private Map<String, BaselineFigures.LockFigures> locks() {
    Map<String, BaselineFigures.LockFigures> locks = new TreeMap<>();
    double minutes = lockProfiledMs / 60_000.0;
    lockFrames.forEach(
        (location, f) ->
            locks.put(
                location,
                new BaselineFigures.LockFigures(
                    f.profiles,
                    round(f.waitMs),
                    minutes > 0 ? round(f.waitMs / minutes) : null,
                    lockWaitMs > 0 ? round(f.waitMs / lockWaitMs) : null)));
    return locks;
  }

  public BaselineFigures figures() {
    Map<String, Double> phases = new TreeMap<>();
    phasesMs.forEach((name, mean) -> phases.put(name, round(mean.value())));
    Map<String, BaselineFigures.EndpointFigures> routes = new TreeMap<>();
    endpoints.forEach(
        (route, e) ->
            routes.put(
                route,
                new BaselineFigures.EndpointFigures(
                    e.windows,
                    e.requests,
                    e.errors,
                    e.timeouts,
                    e.requests == 0 ? null : round(e.p50Weighted / e.requests),
                    e.requests == 0 ? null : round(e.p95Weighted / e.requests),
                    e.requests == 0 ? null : round(e.p99Weighted / e.requests),
                    e.seconds <= 0 ? null : round(e.requests / e.seconds),
                    e.requests == 0 ? null : round((double) e.errors / e.requests),
                    e.requests == 0 ? null : round((double) e.timeouts / e.requests))));
    Map<String, BaselineFigures.CheckFigures> outcomes = new TreeMap<>();
    checks.forEach(
        (name, c) ->
            outcomes.put(
                name,
                new BaselineFigures.CheckFigures(
                    c.runs,
                    c.failures,
                    c.lastPassed,
                    c.lastAt == null ? null : Instant.parse(c.lastAt),
                    c.lastDetail)));
    Map<String, BaselineFigures.QueryFigures> statements = new TreeMap<>();
    queries.forEach(
        (location, q) ->
            statements.put(
                location,
                new BaselineFigures.QueryFigures(
                    q.sql,
                    q.windows,
                    q.calls,
                    round(q.calls == 0 ? null : q.totalMs / q.calls),
                    q.p95Calls == 0 ? null : round(q.p95Weighted / q.p95Calls),
                    round(q.totalMs))));
    return new BaselineFigures(
        startupReports,
        endpointWindows,
        resourceSamples,
        functionalityRuns,
        new BaselineFigures.Startup(
            round(coldStartMs.value()),
            round(warmStartMs.value()),
            round(timeToReadyMs.value()),
            round(startupMemoryMb.value()),
            coldStartMs.n,
            warmStartMs.n,
            phases),
        routes,
        new BaselineFigures.Resources(
            round(cpuPercent.value()),
            round(cpuPercent.max),
            round(heapUsedMb.value()),
            round(heapAfterGcMb.value()),
            round(rssMb.value()),
            round(heapAfterGcGrowth.slope()),
            round(dbConnectionsActive.value()),
            dbConnectionsActiveMax,
            dbConnectionsMax,
            dbConnectionsPendingMax),
        outcomes,
        queryWindows,
        statementsLeftOut,
        statements,
        metricBatches,
        cacheSeriesLeftOut,
        caches(),
        new BaselineFigures.LockTotals(
            lockProfiles, round(lockProfiledMs / 60_000.0), round(lockWaitMs), lockFramesLeftOut),
        locks());
  }

  /** Three decimals: enough for ms, MB and rates, and free of floating-point noise. */
  static Double round(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return null;
    }
    return Math.round(value * 1000.0) / 1000.0;
  }
}
