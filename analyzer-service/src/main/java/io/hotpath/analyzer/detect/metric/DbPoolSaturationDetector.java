package io.hotpath.analyzer.detect.metric;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.FutureTimes;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
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
 * Connection pools that run full, per pool name: usage (connections in use / the pool's maximum) at
 * or above {@code db-pool.max-usage}, or requests waiting for a connection, on every sample for at
 * least {@code db-pool.sustain-seconds}. Reads the OpenTelemetry conventions old and new ({@code
 * db.client.connection.count}/{@code db.client.connections.usage} with state {@code used}, {@code
 * ...max}, {@code ...pending_requests}), HikariCP's Micrometer meters ({@code
 * hikaricp.connections.active|max|pending}) and, through {@link #resources()}, the {@code
 * dbConnections*} fields of resource samples (pool {@code default}). Each instance is judged on its
 * own; the pool is reported when any instance is saturated.
 *
 * <p>Location {@code db-pool:<pool name>}. Severity: CRITICAL when the pool is full (usage 100 %)
 * and requests wait, HIGH when it is full or requests wait, else MEDIUM. Impact: usage in percent.
 */
public final class DbPoolSaturationDetector implements SignalDetector<MetricsReceived> {
  public static final String LOCATION_PREFIX = "db-pool:";
  public static final String MAX_USAGE = "db-pool.max-usage";
  public static final String SUSTAIN_SECONDS = "db-pool.sustain-seconds";

  public static final double DEFAULT_MAX_USAGE = 0.9;
  public static final double DEFAULT_SUSTAIN_SECONDS = 60;
  public static final int DEFAULT_MAX_SERVICES = 10_000;
  public static final int DEFAULT_MAX_POOLS = 200;
  public static final int DEFAULT_MAX_SAMPLES = 360;

  /** Samples older than this before the latest are forgotten; a streak is judged within it. */
  static final Duration HISTORY = Duration.ofHours(1);

  /** A pool and instance without a reading for this long before the service's latest is stale. */
  static final Duration STALE = Duration.ofMinutes(5);

  private enum Field {
    USED,
    MAX,
    PENDING
  }

  /** One pool's readings at one time; null where not reported. */
  private static final class Reading {
    Double used;
    Double max;
    Double pending;

    void set(Field field, double value) {
      switch (field) {
        case USED -> used = value;
        case MAX -> max = value;
        case PENDING -> pending = value;
      }
    }
  }

  private record PoolKey(String pool, String instance) {}

  private static final class ServiceState {
    final Map<PoolKey, TreeMap<Instant, Reading>> pools;
    final Deque<UUID> recentEvents = new ArrayDeque<>();

    ServiceState(int maxPools) {
      pools = new BoundedMap<>(maxPools);
    }
  }

  private final int maxPools;
  private final int maxSamples;
  private final Map<String, ServiceState> services;

  private final Clock clock;

  public DbPoolSaturationDetector() {
    this(DEFAULT_MAX_SERVICES, DEFAULT_MAX_POOLS, DEFAULT_MAX_SAMPLES);
  }

  /**
   * @param maxServices services kept (least recently seen dropped first)
   * @param maxPoolsPerService pool and instance pairs kept per service
   * @param maxSamplesPerPool readings kept per pool and instance (oldest dropped first)
   */
  public DbPoolSaturationDetector(int maxServices, int maxPoolsPerService, int maxSamplesPerPool) {
    this(maxServices, maxPoolsPerService, maxSamplesPerPool, Clock.systemUTC());
  }

  /**
   * As {@link #DbPoolSaturationDetector(int, int, int)}, judging the plausibility of telemetry
   * times by {@code clock}.
   */
  public DbPoolSaturationDetector(
      int maxServices, int maxPoolsPerService, int maxSamplesPerPool, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.services = new BoundedMap<>(maxServices);
    this.maxPools = maxPoolsPerService;
    this.maxSamples = maxSamplesPerPool;
  }

  @Override
  public Class<MetricsReceived> input() {
    return MetricsReceived.class;
  }

  @Override
  public synchronized List<Finding> observe(MetricsReceived event, Thresholds thresholds) {
    ServiceState state = null;
    for (MetricPoint point : event.points()) {
      if (point.kind() == MetricKind.HISTOGRAM
          || !Double.isFinite(point.value())
          || FutureTimes.implausible(point.time(), clock)) {
        continue;
      }
      Field field = field(point);
      if (field == null) {
        continue;
      }
      if (state == null) {
        state = state(event);
      }
      record(
          state,
          poolName(point.attributes()),
          event.instance(),
          point.time(),
          field,
          point.value());
    }
    return state == null ? List.of() : evaluate(event, state, thresholds);
  }

  /** The same detector reading the pool fields of resource samples (pool {@code default}). */
  public SignalDetector<ResourcesSampled> resources() {
    return new SignalDetector<>() {
      @Override
      public Class<ResourcesSampled> input() {
        return ResourcesSampled.class;
      }

      @Override
      public List<Finding> observe(ResourcesSampled event, Thresholds thresholds) {
        return observeResources(event, thresholds);
      }
    };
  }

  private synchronized List<Finding> observeResources(
      ResourcesSampled event, Thresholds thresholds) {
    ServiceState state = null;
    for (ResourceSample sample : event.samples()) {
      if ((sample.dbConnectionsActive() == null
              && sample.dbConnectionsMax() == null
              && sample.dbConnectionsPending() == null)
          || FutureTimes.implausible(sample.time(), clock)) {
        continue;
      }
      if (state == null) {
        state = state(event);
      }
      String instance = event.instance();
      if (sample.dbConnectionsActive() != null) {
        record(state, "default", instance, sample.time(), Field.USED, sample.dbConnectionsActive());
      }
      if (sample.dbConnectionsMax() != null) {
        record(state, "default", instance, sample.time(), Field.MAX, sample.dbConnectionsMax());
      }
      if (sample.dbConnectionsPending() != null) {
        record(
            state,
            "default",
            instance,
            sample.time(),
            Field.PENDING,
            sample.dbConnectionsPending());
      }
    }
    return state == null ? List.of() : evaluate(event, state, thresholds);
  }

  private ServiceState state(HotpathEvent event) {
    ServiceState state =
        services.computeIfAbsent(
            event.tenant() + "/" + event.service(), k -> new ServiceState(maxPools));
    state.recentEvents.addLast(event.eventId());
    while (state.recentEvents.size() > 20) {
      state.recentEvents.removeFirst();
    }
    return state;
  }

  private void record(
      ServiceState state, String pool, String instance, Instant time, Field field, double value) {
    TreeMap<Instant, Reading> readings =
        state.pools.computeIfAbsent(
            new PoolKey(pool, String.valueOf(instance)), k -> new TreeMap<>());
    readings.computeIfAbsent(time, t -> new Reading()).set(field, value);
    while (readings.size() > maxSamples) {
      readings.pollFirstEntry();
    }
  }

  /** A saturated stretch of one pool on one instance. */
  private record Streak(
      String pool,
      Instant start,
      Instant end,
      int samples,
      double usage,
      double max,
      double pending) {}

  private List<Finding> evaluate(HotpathEvent event, ServiceState state, Thresholds thresholds) {
    String tenant = event.tenant();
    String service = event.service();
    double maxUsage = thresholds.get(tenant, service, MAX_USAGE, DEFAULT_MAX_USAGE);
    double sustainSeconds =
        thresholds.get(tenant, service, SUSTAIN_SECONDS, DEFAULT_SUSTAIN_SECONDS);
    Instant latest =
        state.pools.values().stream().map(TreeMap::lastKey).max(Instant::compareTo).orElseThrow();
    // An instance that stopped reporting (replaced, scaled in) is not saturated now.
    state.pools.values().removeIf(readings -> readings.lastKey().isBefore(latest.minus(HISTORY)));
    Map<String, Streak> worst = new TreeMap<>();
    for (Map.Entry<PoolKey, TreeMap<Instant, Reading>> entry : state.pools.entrySet()) {
      TreeMap<Instant, Reading> readings = entry.getValue();
      if (readings.lastKey().isBefore(latest.minus(STALE))) {
        continue;
      }
      readings.headMap(readings.lastKey().minus(HISTORY), false).clear();
      Streak streak = streak(entry.getKey().pool(), readings, maxUsage);
      if (streak != null
          && Duration.between(streak.start(), streak.end()).toMillis() >= sustainSeconds * 1000
          && streak.samples() >= 2) {
        worst.merge(
            streak.pool(),
            streak,
            (a, b) -> b.usage() > a.usage() || b.pending() > a.pending() ? b : a);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Streak streak : worst.values()) {
      findings.add(finding(streak, maxUsage, state));
    }
    return findings;
  }

  /** The latest run of saturated readings, values carried forward between partial readings. */
  private static Streak streak(String pool, TreeMap<Instant, Reading> readings, double maxUsage) {
    Double used = null;
    Double max = null;
    Double pending = null;
    Instant start = null;
    int samples = 0;
    double worstUsage = 0;
    double worstPending = 0;
    double lastMax = Double.NaN;
    Instant end = null;
    for (Map.Entry<Instant, Reading> e : readings.entrySet()) {
      Reading r = e.getValue();
      used = r.used != null ? r.used : used;
      max = r.max != null ? r.max : max;
      pending = r.pending != null ? r.pending : pending;
      double usage = used != null && max != null && max > 0 ? used / max : Double.NaN;
      boolean saturated = (usage >= maxUsage) || (pending != null && pending > 0);
      if (saturated) {
        if (start == null) {
          start = e.getKey();
          samples = 0;
          worstUsage = 0;
          worstPending = 0;
        }
        samples++;
        worstUsage = Double.isNaN(usage) ? worstUsage : Math.max(worstUsage, usage);
        worstPending = pending == null ? worstPending : Math.max(worstPending, pending);
        lastMax = max == null ? Double.NaN : max;
        end = e.getKey();
      } else {
        start = null;
      }
    }
    return start == null
        ? null
        : new Streak(pool, start, end, samples, worstUsage, lastMax, worstPending);
  }

  static Severity severity(double usage, double pending) {
    boolean full = usage >= 1.0;
    boolean waiting = pending > 0;
    if (full && waiting) {
      return Severity.CRITICAL;
    }
    if (full || waiting) {
      return Severity.HIGH;
    }
    return Severity.MEDIUM;
  }

  private static Finding finding(Streak streak, double maxUsage, ServiceState state) {
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.POOL_USAGE, Math.round(streak.usage() * 10_000) / 10_000.0);
    if (!Double.isNaN(streak.max())) {
      measurements.put(EvidenceKeys.POOL_MAX, streak.max());
    }
    measurements.put(EvidenceKeys.PENDING, streak.pending());
    measurements.put(EvidenceKeys.THRESHOLD, maxUsage);
    measurements.put(EvidenceKeys.SAMPLES, (double) streak.samples());
    long seconds = Duration.between(streak.start(), streak.end()).toSeconds();
    measurements.put("sustainedSeconds", (double) seconds);
    String summary =
        String.format(
            Locale.ROOT,
            "connection pool %s at %.0f %% of %s connections with up to %.0f requests waiting,"
                + " for %d s",
            streak.pool(),
            100 * streak.usage(),
            Double.isNaN(streak.max()) ? "?" : String.format(Locale.ROOT, "%.0f", streak.max()),
            streak.pending(),
            seconds);
    return new Finding(
        BottleneckType.DB_POOL_SATURATION,
        severity(streak.usage(), streak.pending()),
        LOCATION_PREFIX + streak.pool(),
        new Impact(Math.round(streak.usage() * 1000) / 10.0, "% of pool", summary),
        new Evidence(
            summary + String.format(Locale.ROOT, " (threshold %.0f %%)", 100 * maxUsage),
            measurements,
            streak.start(),
            streak.end(),
            List.copyOf(state.recentEvents),
            List.of(),
            List.of(),
            List.of()));
  }

  private static Field field(MetricPoint point) {
    String name = point.name().trim().toLowerCase(Locale.ROOT);
    Map<String, String> a = point.attributes();
    switch (name) {
      case "db.client.connection.count", "db.client.connections.usage" -> {
        String s = a.getOrDefault("db.client.connection.state", a.get("state"));
        return s != null && s.trim().equalsIgnoreCase("used") ? Field.USED : null;
      }
      case "db.client.connection.max", "db.client.connections.max", "hikaricp.connections.max" -> {
        return Field.MAX;
      }
      case "db.client.connection.pending_requests",
          "db.client.connections.pending_requests",
          "hikaricp.connections.pending" -> {
        return Field.PENDING;
      }
      case "hikaricp.connections.active" -> {
        return Field.USED;
      }
      default -> {
        return null;
      }
    }
  }

  private static String poolName(Map<String, String> attributes) {
    for (String key :
        List.of("db.client.connection.pool.name", "pool.name", "pool", "datasource", "name")) {
      String value = attributes.get(key);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return "default";
  }
}
