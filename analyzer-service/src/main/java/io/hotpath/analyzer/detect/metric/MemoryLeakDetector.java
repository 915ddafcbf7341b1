package io.hotpath.analyzer.detect.metric;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.FutureTimes;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.profile.FrameTable;
import io.hotpath.analyzer.detect.profile.Frames;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Memory leaks: sustained growth of the memory a process keeps, per instance, from the best signal
 * it sends: heap after GC ({@code jvm.memory.used_after_last_gc} summed over heap pools, or a
 * resource sample's {@code heapAfterGcMb}), else heap used ({@code jvm.memory.used} heap pools,
 * {@code heapUsedMb}), else resident memory ({@code process.memory.usage}, {@code
 * process.resident_memory_bytes}, {@code rssMb}).
 *
 * <p>The series is cut into {@value #BUCKETS} equal stretches and the minimum of each is its floor;
 * a least-squares line through the floors must climb at least {@code
 * memory-leak.min-growth-mb-per-hour} with R² ≥ {@code memory-leak.min-r-squared}, over at least
 * {@code memory-leak.min-window-seconds} (so warm-up alone is not a leak) and at most {@code
 * memory-leak.window-seconds} of history. A sawtooth that returns to its floor has flat floors and
 * is not a leak. Always CRITICAL; location {@code memory:heap} (heap signals) or {@code
 * memory:rss}; impact in MB/hour, the fastest-growing instance. Allocation profiles fed through
 * {@link #allocations()} name the top allocating frames in the evidence.
 *
 * <p>Bounded: per service at most {@code maxSeries} instance-and-signal series of at most {@code
 * maxPoints} points, one per minute (the minute's minimum).
 */
public final class MemoryLeakDetector implements SignalDetector<MetricsReceived> {
  public static final String MIN_GROWTH_MB_PER_HOUR = "memory-leak.min-growth-mb-per-hour";
  public static final String MIN_WINDOW_SECONDS = "memory-leak.min-window-seconds";
  public static final String WINDOW_SECONDS = "memory-leak.window-seconds";
  public static final String MIN_R_SQUARED = "memory-leak.min-r-squared";

  public static final double DEFAULT_MIN_GROWTH_MB_PER_HOUR = 10;
  public static final double DEFAULT_MIN_WINDOW_SECONDS = 1800;
  public static final double DEFAULT_WINDOW_SECONDS = 6 * 3600;
  public static final double DEFAULT_MIN_R_SQUARED = 0.8;
  public static final int DEFAULT_MAX_SERVICES = 10_000;
  public static final int DEFAULT_MAX_SERIES = 64;
  public static final int DEFAULT_MAX_POINTS = 1440;

  /** Stretches the window is cut into; each contributes its minimum as a floor. */
  public static final int BUCKETS = 10;

  /** Allocation profiles remembered per service. */
  static final int ALLOCATION_PROFILES = 12;

  private static final double MB = 1024 * 1024;

  /** Signals from the most to the least telling. */
  enum Signal {
    HEAP_AFTER_GC("memory:heap", "heap after GC"),
    HEAP_USED("memory:heap", "heap used"),
    RSS("memory:rss", "resident memory");

    final String location;
    final String label;

    Signal(String location, String label) {
      this.location = location;
      this.label = label;
    }
  }

  private record SeriesKey(String instance, Signal signal) {}

  private static final class ServiceState extends BoundedMap.Weighed {
    final Map<SeriesKey, Points> series;
    final Deque<FrameTable> allocations = new ArrayDeque<>();
    final Deque<UUID> recentEvents = new ArrayDeque<>();

    ServiceState(int maxSeries) {
      series = new BoundedMap<>(maxSeries);
    }

    @Override
    protected long bytes() {
      long bytes = 200 + 64L * recentEvents.size();
      for (Map.Entry<SeriesKey, Points> e : series.entrySet()) {
        bytes += 120 + e.getKey().instance().length() + e.getValue().bytes();
      }
      for (FrameTable table : allocations) {
        bytes += table.bytes();
      }
      return bytes;
    }
  }

  private final int maxSeries;
  private final int maxPoints;
  private final BoundedMap.Budgeted<String, ServiceState> services;

  private final Clock clock;

  public MemoryLeakDetector() {
    this(DEFAULT_MAX_SERVICES, DEFAULT_MAX_SERIES, DEFAULT_MAX_POINTS);
  }

  /**
   * @param maxServices services kept (least recently seen dropped first)
   * @param maxSeriesPerService instance-and-signal series kept per service
   * @param maxPointsPerSeries per-minute floors kept per series (oldest dropped first)
   */
  public MemoryLeakDetector(int maxServices, int maxSeriesPerService, int maxPointsPerSeries) {
    this(maxServices, maxSeriesPerService, maxPointsPerSeries, Clock.systemUTC());
  }

  /**
   * As {@link #MemoryLeakDetector(int, int, int)}, judging the plausibility of telemetry times by
   * {@code clock}.
   */
  public MemoryLeakDetector(
      int maxServices, int maxSeriesPerService, int maxPointsPerSeries, Clock clock) {
    this(maxServices, maxSeriesPerService, maxPointsPerSeries, StateBudget.UNBOUNDED, clock);
  }

  /**
   * As {@link #MemoryLeakDetector(int, int, int, Clock)}, its state counting against {@code budget}
   * (the least recently active services forgotten while it is over).
   */
  public MemoryLeakDetector(
      int maxServices,
      int maxSeriesPerService,
      int maxPointsPerSeries,
      StateBudget budget,
      Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.services = BoundedMap.weighed(maxServices, budget, "memoryLeak");
    this.maxSeries = maxSeriesPerService;
    this.maxPoints = maxPointsPerSeries;
  }

  @Override
  public Class<MetricsReceived> input() {
    return MetricsReceived.class;
  }

  @Override
  public synchronized List<Finding> observe(MetricsReceived event, Thresholds thresholds) {
    Map<SeriesKey, Map<Instant, Double>> sums = new HashMap<>();
    for (MetricPoint point : event.points()) {
      if (point.kind() == MetricKind.HISTOGRAM
          || !Double.isFinite(point.value())
          || FutureTimes.implausible(point.time(), clock)) {
        continue;
      }
      Signal signal = signal(point);
      if (signal == null) {
        continue;
      }
      double mb = megabytes(point.unit(), point.value());
      if (!(mb >= 0)) {
        continue;
      }
      sums.computeIfAbsent(
              new SeriesKey(String.valueOf(event.instance()), signal), k -> new HashMap<>())
          .merge(point.time(), mb, Double::sum);
    }
    if (sums.isEmpty()) {
      return List.of();
    }
    ServiceState state = state(event);
    sums.forEach((key, byTime) -> byTime.forEach((time, mb) -> record(state, key, time, mb)));
    return evaluate(event, state, thresholds);
  }

  /** The same detector reading the memory fields of resource samples. */
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
    String instance = String.valueOf(event.instance());
    for (ResourceSample sample : event.samples()) {
      if (FutureTimes.implausible(sample.time(), clock)) {
        continue;
      }
      Map<Signal, Double> values = new LinkedHashMap<>();
      values.put(Signal.HEAP_AFTER_GC, sample.heapAfterGcMb());
      values.put(Signal.HEAP_USED, sample.heapUsedMb());
      values.put(Signal.RSS, sample.rssMb());
      for (Map.Entry<Signal, Double> e : values.entrySet()) {
        Double mb = e.getValue();
        if (mb == null || !(mb >= 0) || Double.isInfinite(mb)) {
          continue;
        }
        if (state == null) {
          state = state(event);
        }
        record(state, new SeriesKey(instance, e.getKey()), sample.time(), mb);
      }
    }
    return state == null ? List.of() : evaluate(event, state, thresholds);
  }

  /**
   * Allocation profiles of the services: kept (the last {@value #ALLOCATION_PROFILES} per service)
   * to name the top allocating frames of a leak; they produce no findings of their own.
   */
  public SignalDetector<ProfileCaptured> allocations() {
    return new SignalDetector<>() {
      @Override
      public Class<ProfileCaptured> input() {
        return ProfileCaptured.class;
      }

      @Override
      public List<Finding> observe(ProfileCaptured profile, Thresholds thresholds) {
        return observeAllocations(profile, thresholds);
      }
    };
  }

  private synchronized List<Finding> observeAllocations(
      ProfileCaptured profile, Thresholds thresholds) {
    if (profile.profileType() != ProfileType.ALLOCATION) {
      return List.of();
    }
    FrameTable table = new FrameTable();
    for (StackSample stack : profile.stacks()) {
      List<String> code = Frames.code(stack.frames());
      if (code.isEmpty()) {
        table.addUnattributed(stack.value());
      } else {
        table.add(code, stack.value());
      }
    }
    String key = profile.tenant() + "/" + profile.service();
    ServiceState state = services.computeIfAbsent(key, k -> new ServiceState(maxSeries));
    state.allocations.addLast(table.compact(0.01, 50, 1));
    while (state.allocations.size() > ALLOCATION_PROFILES) {
      state.allocations.removeFirst();
    }
    services.charge(key);
    return List.of();
  }

  private ServiceState state(HotpathEvent event) {
    ServiceState state =
        services.computeIfAbsent(
            event.tenant() + "/" + event.service(), k -> new ServiceState(maxSeries));
    state.recentEvents.addLast(event.eventId());
    while (state.recentEvents.size() > 20) {
      state.recentEvents.removeFirst();
    }
    return state;
  }

  private void record(ServiceState state, SeriesKey key, Instant time, double mb) {
    state
        .series
        .computeIfAbsent(key, k -> new Points(maxPoints))
        .putMin(time.truncatedTo(ChronoUnit.MINUTES), mb);
  }

  /** The floors of one series and the line through them. */
  record Growth(
      String instance,
      Signal signal,
      LinearFit fit,
      double floorStartMb,
      double floorEndMb,
      int samples,
      Instant start,
      Instant end) {
    double mbPerHour() {
      return fit.slope();
    }
  }

  private List<Finding> evaluate(HotpathEvent event, ServiceState state, Thresholds thresholds) {
    String tenant = event.tenant();
    String service = event.service();
    double minGrowth =
        thresholds.get(tenant, service, MIN_GROWTH_MB_PER_HOUR, DEFAULT_MIN_GROWTH_MB_PER_HOUR);
    double minWindowSeconds =
        thresholds.get(tenant, service, MIN_WINDOW_SECONDS, DEFAULT_MIN_WINDOW_SECONDS);
    double windowSeconds =
        Math.max(
            minWindowSeconds,
            thresholds.get(tenant, service, WINDOW_SECONDS, DEFAULT_WINDOW_SECONDS));
    double minRSquared = thresholds.get(tenant, service, MIN_R_SQUARED, DEFAULT_MIN_R_SQUARED);
    Duration window = Duration.ofSeconds((long) windowSeconds);

    // An instance gone for longer than the window (replaced, scaled in) no longer counts.
    Instant latest =
        state.series.values().stream().map(Points::last).max(Instant::compareTo).orElseThrow();
    state.series.values().removeIf(points -> points.last().isBefore(latest.minus(window)));

    // Per instance, the most telling signal that covers the minimum window.
    Map<String, Growth> byInstance = new TreeMap<>();
    for (Map.Entry<SeriesKey, Points> entry : state.series.entrySet()) {
      Points points = entry.getValue();
      points.forgetBefore(points.last().minus(window));
      Growth growth = growth(entry.getKey(), points, minWindowSeconds);
      if (growth == null) {
        continue;
      }
      byInstance.merge(
          growth.instance(),
          growth,
          (a, b) -> a.signal().ordinal() <= b.signal().ordinal() ? a : b);
    }
    Map<String, Growth> worst = new TreeMap<>();
    Map<String, Integer> leaking = new HashMap<>();
    for (Growth growth : byInstance.values()) {
      if (growth.mbPerHour() >= minGrowth
          && growth.fit().rSquared() >= minRSquared
          && growth.floorEndMb() > growth.floorStartMb()) {
        String location = growth.signal().location;
        leaking.merge(location, 1, Integer::sum);
        worst.merge(location, growth, (a, b) -> b.mbPerHour() > a.mbPerHour() ? b : a);
      }
    }
    List<Finding> findings = new ArrayList<>();
    worst.forEach(
        (location, growth) ->
            findings.add(
                finding(
                    location, growth, leaking.get(location), byInstance.size(), minGrowth, state)));
    services.charge(event.tenant() + "/" + event.service());
    return findings;
  }

  /** The floor line of one series, or null when it does not span the minimum window. */
  static Growth growth(SeriesKey key, Points points, double minWindowSeconds) {
    int size = points.size();
    if (size < BUCKETS) {
      return null;
    }
    Instant start = points.time(0);
    Instant end = points.time(size - 1);
    long spanMillis = Duration.between(start, end).toMillis();
    if (spanMillis < minWindowSeconds * 1000) {
      return null;
    }
    int[] floors = new int[BUCKETS];
    java.util.Arrays.fill(floors, -1);
    long[] offsets = new long[size];
    for (int i = 0; i < size; i++) {
      long offset = Duration.between(start, points.time(i)).toMillis();
      offsets[i] = offset;
      int bucket = (int) Math.min(BUCKETS - 1, offset * BUCKETS / spanMillis);
      if (floors[bucket] < 0 || points.value(i) < points.value(floors[bucket])) {
        floors[bucket] = i;
      }
    }
    int present = 0;
    for (int floor : floors) {
      if (floor >= 0) {
        present++;
      }
    }
    if (present < BUCKETS / 2) {
      return null;
    }
    double[] hours = new double[present];
    double[] mb = new double[present];
    int n = 0;
    for (int floor : floors) {
      if (floor >= 0) {
        hours[n] = offsets[floor] / 3_600_000.0;
        mb[n] = points.value(floor);
        n++;
      }
    }
    return new Growth(
        key.instance(),
        key.signal(),
        LinearFit.of(hours, mb),
        mb[0],
        mb[mb.length - 1],
        size,
        start,
        end);
  }

  private static Finding finding(
      String location,
      Growth growth,
      int leakingInstances,
      int instances,
      double minGrowth,
      ServiceState state) {
    double hours = Duration.between(growth.start(), growth.end()).toMillis() / 3_600_000.0;
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(EvidenceKeys.GROWTH_MB_PER_HOUR, round(growth.mbPerHour()));
    measurements.put(EvidenceKeys.FLOOR_START_MB, round(growth.floorStartMb()));
    measurements.put(EvidenceKeys.FLOOR_END_MB, round(growth.floorEndMb()));
    measurements.put(EvidenceKeys.R_SQUARED, Math.round(growth.fit().rSquared() * 1000) / 1000.0);
    measurements.put(EvidenceKeys.SAMPLES, (double) growth.samples());
    measurements.put(EvidenceKeys.THRESHOLD, minGrowth);
    measurements.put("windowHours", round(hours));
    measurements.put("leakingInstances", (double) leakingInstances);
    measurements.put("instances", (double) instances);
    String summary =
        String.format(
            Locale.ROOT,
            "%s of %s grows %.1f MB/hour (floor %.0f -> %.0f MB over %.1f h, R² %.2f)",
            growth.signal().label,
            growth.instance(),
            growth.mbPerHour(),
            growth.floorStartMb(),
            growth.floorEndMb(),
            hours,
            growth.fit().rSquared());
    StringBuilder description =
        new StringBuilder(summary)
            .append(
                String.format(
                    Locale.ROOT, "; %d of %d instances leak", leakingInstances, instances));
    List<String> stack = List.of();
    if (!state.allocations.isEmpty()) {
      FrameTable merged = new FrameTable();
      state.allocations.forEach(merged::addAll);
      List<Map.Entry<String, FrameTable.Stat>> top = merged.topSelf(3);
      if (!top.isEmpty()) {
        description.append("; top allocating frames: ");
        for (int i = 0; i < top.size(); i++) {
          description.append(
              String.format(
                  Locale.ROOT,
                  "%s%s (%.1f %%)",
                  i == 0 ? "" : ", ",
                  top.get(i).getKey(),
                  100 * top.get(i).getValue().self() / merged.total()));
        }
        stack = top.get(0).getValue().hottestStack();
        measurements.put(
            "topAllocationPercent", round(100 * top.get(0).getValue().self() / merged.total()));
      }
    }
    return new Finding(
        BottleneckType.MEMORY_LEAK,
        Severity.CRITICAL,
        location,
        new Impact(round(growth.mbPerHour()), "MB/hour", summary),
        new Evidence(
            description.toString(),
            measurements,
            growth.start(),
            growth.end(),
            List.copyOf(state.recentEvents),
            List.of(),
            List.of(),
            stack));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static final Set<String> AFTER_GC =
      Set.of("jvm.memory.used_after_last_gc", "process.runtime.jvm.memory.usage_after_last_gc");
  private static final Set<String> HEAP_USED =
      Set.of("jvm.memory.used", "process.runtime.jvm.memory.usage");
  private static final Set<String> RSS =
      Set.of(
          "process.memory.usage",
          "process.resident_memory_bytes",
          "process.memory.rss",
          "process.runtime.memory.rss");

  private static Signal signal(MetricPoint point) {
    String name = point.name().trim().toLowerCase(Locale.ROOT);
    if (AFTER_GC.contains(name)) {
      return isHeap(point.attributes()) ? Signal.HEAP_AFTER_GC : null;
    }
    if (HEAP_USED.contains(name)) {
      return isHeap(point.attributes()) ? Signal.HEAP_USED : null;
    }
    return RSS.contains(name) ? Signal.RSS : null;
  }

  /** A heap pool by its type attribute, or else by its name (non-heap pools are well known). */
  private static boolean isHeap(Map<String, String> attributes) {
    for (String key : List.of("jvm.memory.type", "type", "area")) {
      String type = attributes.get(key);
      if (type != null) {
        return type.trim().toLowerCase(Locale.ROOT).replace('-', '_').equals("heap");
      }
    }
    String pool =
        attributes.getOrDefault("jvm.memory.pool.name", attributes.getOrDefault("pool", ""));
    String p = pool.toLowerCase(Locale.ROOT);
    return !(p.contains("metaspace")
        || p.contains("codeheap")
        || p.contains("code cache")
        || p.contains("compressed class"));
  }

  /** Bytes unless the unit says otherwise (the conventions' unit is {@code By}). */
  static double megabytes(String unit, double value) {
    String u = unit == null ? "" : unit.trim();
    return switch (u) {
      case "MB", "MiB", "Mi", "megabytes", "mb" -> value;
      case "kB", "KB", "KiB", "Ki", "kilobytes" -> value / 1024;
      case "GB", "GiB", "Gi", "gigabytes" -> value * 1024;
      default -> value / MB;
    };
  }
}
