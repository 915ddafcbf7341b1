package io.hotpath.analyzer.detect.regression;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.FutureTimes;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.profile.CpuProfileTable;
import io.hotpath.analyzer.detect.profile.FrameTable;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Regressions: a statistically significant, lasting step up in an endpoint's latency or in a
 * function's share of CPU, against the series' own history (see {@link ChangePoint}).
 *
 * <p>Endpoints come from server spans (this class's input; {@code http.route} and the method, else
 * the span name; failed spans left out) and from {@code http.server.request.duration} / {@code
 * http.server.duration} histograms through {@link #histograms()} (the mean of each export
 * interval). Functions come from CPU profiles through {@link #profiles()}: a frame's self share in
 * percent, tracked once it held at least {@value #MIN_FUNCTION_PERCENT} % of a profile. Values are
 * gathered in buckets of {@code regression.bucket-seconds}; each closed bucket contributes its
 * median to the series.
 *
 * <p>Reported at {@code regression:<route or function>} when the step is significant at {@code
 * regression.significance}, at least {@code regression.min-change-percent}, with at least {@code
 * regression.min-samples} buckets on each side. Severity by the change: ≥ 100 % CRITICAL, ≥ 50 %
 * HIGH, ≥ 20 % MEDIUM, else LOW. Only slowdowns are reported, never improvements.
 *
 * <p>Bounded: {@code maxServices} services, {@code maxSeries} series per service (least recently
 * updated dropped first), {@code maxPoints} buckets per series, {@value #MAX_BUCKET_VALUES} values
 * per open bucket (later ones in the same bucket ignored). Time is the telemetry's own.
 */
public final class RegressionDetector implements SignalDetector<SpansReceived> {
  public static final String LOCATION_PREFIX = "regression:";
  public static final String SIGNIFICANCE = "regression.significance";
  public static final String MIN_CHANGE_PERCENT = "regression.min-change-percent";
  public static final String MIN_SAMPLES = "regression.min-samples";
  public static final String BUCKET_SECONDS = "regression.bucket-seconds";

  public static final double DEFAULT_SIGNIFICANCE = 0.01;
  public static final double DEFAULT_MIN_CHANGE_PERCENT = 20;
  public static final double DEFAULT_MIN_SAMPLES = 10;
  public static final double DEFAULT_BUCKET_SECONDS = 60;
  public static final int DEFAULT_MAX_SERVICES = 10_000;
  public static final int DEFAULT_MAX_SERIES = 500;
  public static final int DEFAULT_MAX_POINTS = 360;

  static final int MAX_BUCKET_VALUES = 1024;
  static final double MIN_FUNCTION_PERCENT = 1.0;
  static final double MIN_PROFILE_SAMPLES = 50;

  /** What a series measures. */
  enum Kind {
    ENDPOINT_SPANS("ms"),
    ENDPOINT_HISTOGRAM("ms"),
    FUNCTION("%");

    final String unit;

    Kind(String unit) {
      this.unit = unit;
    }
  }

  private record SeriesKey(Kind kind, String subject) {}

  private record Exemplar(String traceId, String spanId, double value) {}

  /**
   * One series. Every service keeps up to {@code maxSeries} of these, so the closed buckets'
   * medians are a ring of two primitive arrays (oldest at {@code head}, grown up to {@code
   * maxPoints}: 16 bytes a bucket, where a {@code TreeMap<Long, Double>} took about 80), and the
   * open bucket's values one growable array instead of a list of boxed values.
   */
  private static final class Series {
    long[] closedTimes = new long[0];
    double[] closedMedians = new double[0];
    int head;
    int closedCount;
    long openBucket;
    double[] openValues = new double[0];

    /** 0 when no bucket is open: an open bucket always holds a value. */
    int openCount;

    final Deque<Exemplar> exemplars = new ArrayDeque<>();
    Exemplar openExemplar;
    long bucketMillis;

    /** An estimate of the heap this series holds, with its map entry and key. */
    long bytes() {
      return ServiceState.SERIES_BYTES
          + 16L * closedTimes.length
          + 8L * openValues.length
          + (long) exemplars.size() * ServiceState.EXEMPLAR_BYTES;
    }

    void clear() {
      head = 0;
      closedCount = 0;
      openCount = 0;
    }

    long lastClosed() {
      return closedTimes[slot(closedCount - 1)];
    }

    /** Keeps at most {@code maxPoints} closed buckets, the oldest dropped first. */
    void close(long bucket, double median, int maxPoints) {
      if (closedCount == maxPoints) {
        head = slot(1);
        closedCount--;
      }
      if (closedCount == closedTimes.length) {
        int capacity = (int) Math.min(maxPoints, Math.max(8L, 2L * closedTimes.length));
        long[] times = Arrays.copyOf(closedTimes(), capacity);
        double[] medians = Arrays.copyOf(closedMedians(), capacity);
        closedTimes = times;
        closedMedians = medians;
        head = 0;
      }
      int s = slot(closedCount);
      closedTimes[s] = bucket;
      closedMedians[s] = median;
      closedCount++;
    }

    /**
     * Opens {@code bucket} when none is open; a value past {@value #MAX_BUCKET_VALUES} is dropped.
     */
    void addOpen(long bucket, double value) {
      openBucket = bucket;
      if (openCount == MAX_BUCKET_VALUES) {
        return;
      }
      if (openCount == openValues.length) {
        openValues = Arrays.copyOf(openValues, Math.max(8, 2 * openValues.length));
      }
      openValues[openCount++] = value;
    }

    double openMedian() {
      return ChangePoint.median(Arrays.copyOf(openValues, openCount));
    }

    long[] closedTimes() {
      long[] times = new long[closedCount];
      for (int i = 0; i < closedCount; i++) {
        times[i] = closedTimes[slot(i)];
      }
      return times;
    }

    double[] closedMedians() {
      double[] medians = new double[closedCount];
      for (int i = 0; i < closedCount; i++) {
        medians[i] = closedMedians[slot(i)];
      }
      return medians;
    }

    private int slot(int i) {
      int s = head + i;
      return s >= closedTimes.length ? s - closedTimes.length : s;
    }
  }

  /** The last cumulative reading of one histogram series. */
  private static final class Cumulative {
    long count;
    double sum;
    int decreases;
  }

  /** One service's series, weighed for a {@link StateBudget}. */
  private static final class ServiceState extends BoundedMap.Weighed {
    /** The state, its maps, and the deque of recent events with their ids. */
    static final int FIXED_BYTES = 200 + 20 * 40;

    /** A series' map entry, its key with the subject, and the series with its arrays' headers. */
    static final int SERIES_BYTES = 40 + 24 + 64 + 80 + 3 * 16 + 40;

    /** An exemplar with its two ids, and its deque slot. */
    static final int EXEMPLAR_BYTES = 32 + 2 * 72 + 8;

    /** A histogram's last reading: map entry, key string and the reading. */
    static final int CUMULATIVE_BYTES = 40 + 120 + 32;

    final Map<SeriesKey, Series> series;
    final Map<String, Cumulative> histograms;
    final Deque<UUID> recentEvents = new ArrayDeque<>();

    /**
     * What the series hold together, kept as they change ({@link RegressionDetector#add}) and are
     * forgotten: walking up to {@code maxSeries} of them at every event cost 1.2 % of the
     * analyzer's CPU in the fleet bench.
     */
    long seriesBytes;

    ServiceState(int maxSeries) {
      // A series forgotten for the cap takes its bytes along.
      series =
          new BoundedMap<>(maxSeries) {
            @Override
            protected void forgotten(Series dropped) {
              seriesBytes -= dropped.bytes();
            }
          };
      histograms = new BoundedMap<>(maxSeries * 4);
    }

    @Override
    protected long bytes() {
      return FIXED_BYTES + (long) histograms.size() * CUMULATIVE_BYTES + seriesBytes;
    }
  }

  private final int maxSeries;
  private final int maxPoints;
  private final BoundedMap.Budgeted<String, ServiceState> services;

  private final Clock clock;

  public RegressionDetector() {
    this(DEFAULT_MAX_SERVICES, DEFAULT_MAX_SERIES, DEFAULT_MAX_POINTS);
  }

  /**
   * @param maxServices services kept (least recently seen dropped first)
   * @param maxSeriesPerService endpoint and function series kept per service
   * @param maxPointsPerSeries closed buckets kept per series (oldest dropped first)
   */
  public RegressionDetector(int maxServices, int maxSeriesPerService, int maxPointsPerSeries) {
    this(maxServices, maxSeriesPerService, maxPointsPerSeries, Clock.systemUTC());
  }

  /**
   * As {@link #RegressionDetector(int, int, int)}, judging the plausibility of telemetry times by
   * {@code clock}.
   */
  public RegressionDetector(
      int maxServices, int maxSeriesPerService, int maxPointsPerSeries, Clock clock) {
    this(maxServices, maxSeriesPerService, maxPointsPerSeries, clock, StateBudget.UNBOUNDED);
  }

  /** A detector with the default caps whose services' series also count against {@code budget}. */
  public RegressionDetector(StateBudget budget) {
    this(DEFAULT_MAX_SERVICES, DEFAULT_MAX_SERIES, DEFAULT_MAX_POINTS, Clock.systemUTC(), budget);
  }

  /**
   * As {@link #RegressionDetector(int, int, int, Clock)}; the services' series also count against
   * {@code budget}: while it is over, the least recently active services are forgotten.
   */
  public RegressionDetector(
      int maxServices,
      int maxSeriesPerService,
      int maxPointsPerSeries,
      Clock clock,
      StateBudget budget) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxSeriesPerService < 1 || maxPointsPerSeries < 2) {
      throw new IllegalArgumentException("caps too small");
    }
    this.services = BoundedMap.weighed(maxServices, budget, "regression");
    this.maxSeries = maxSeriesPerService;
    this.maxPoints = maxPointsPerSeries;
  }

  @Override
  public Class<SpansReceived> input() {
    return SpansReceived.class;
  }

  @Override
  public synchronized List<Finding> observe(SpansReceived event, Thresholds thresholds) {
    List<Span> spans = new ArrayList<>();
    for (Span span : event.spans()) {
      if (span.kind() == SpanKind.SERVER
          && span.status() != SpanStatus.ERROR
          && !FutureTimes.implausible(
              Instant.ofEpochMilli(span.endEpochNanos() / 1_000_000), clock)) {
        spans.add(span);
      }
    }
    if (spans.isEmpty()) {
      return List.of();
    }
    spans.sort(Comparator.comparingLong(Span::endEpochNanos));
    ServiceState state = state(event);
    long bucketMillis = bucketMillis(event, thresholds);
    Set<SeriesKey> touched = new LinkedHashSet<>();
    for (Span span : spans) {
      SeriesKey key = new SeriesKey(Kind.ENDPOINT_SPANS, route(span));
      double ms = span.durationNanos() / 1_000_000.0;
      long endMillis = span.endEpochNanos() / 1_000_000;
      if (add(
          state,
          key,
          endMillis,
          ms,
          bucketMillis,
          new Exemplar(span.traceId(), span.spanId(), ms))) {
        touched.add(key);
      }
    }
    return evaluate(event, state, touched, thresholds);
  }

  /** The same detector reading HTTP server duration histograms. */
  public SignalDetector<MetricsReceived> histograms() {
    return new SignalDetector<>() {
      @Override
      public Class<MetricsReceived> input() {
        return MetricsReceived.class;
      }

      @Override
      public List<Finding> observe(MetricsReceived event, Thresholds thresholds) {
        return observeHistograms(event, thresholds);
      }
    };
  }

  private synchronized List<Finding> observeHistograms(
      MetricsReceived event, Thresholds thresholds) {
    ServiceState state = null;
    Set<SeriesKey> touched = new LinkedHashSet<>();
    List<MetricPoint> points = new ArrayList<>(event.points());
    points.sort(Comparator.comparing(MetricPoint::time));
    for (MetricPoint point : points) {
      double toMillis = durationUnit(point);
      if (point.kind() != MetricKind.HISTOGRAM
          || Double.isNaN(toMillis)
          || FutureTimes.implausible(point.time(), clock)) {
        continue;
      }
      if (state == null) {
        state = state(event);
      }
      String route = route(point.attributes());
      if (route == null) {
        continue;
      }
      Histogram h = point.histogram();
      String cumulativeKey =
          event.instance() + "|" + point.name() + "|" + new TreeMap<>(point.attributes());
      double mean = intervalMean(state, cumulativeKey, h);
      if (Double.isNaN(mean)) {
        continue;
      }
      SeriesKey key = new SeriesKey(Kind.ENDPOINT_HISTOGRAM, route);
      if (add(
          state,
          key,
          point.time().toEpochMilli(),
          mean * toMillis,
          bucketMillis(event, thresholds),
          null)) {
        touched.add(key);
      }
    }
    return state == null ? List.of() : evaluate(event, state, touched, thresholds);
  }

  /** The same detector reading CPU profiles: each function's self share. */
  public SignalDetector<ProfileCaptured> profiles() {
    return new SignalDetector<>() {
      @Override
      public Class<ProfileCaptured> input() {
        return ProfileCaptured.class;
      }

      @Override
      public List<Finding> observe(ProfileCaptured profile, Thresholds thresholds) {
        return observeProfiles(profile, thresholds);
      }
    };
  }

  private synchronized List<Finding> observeProfiles(
      ProfileCaptured profile, Thresholds thresholds) {
    if (profile.profileType() != ProfileType.CPU) {
      return List.of();
    }
    FrameTable table = CpuProfileTable.of(profile);
    if (table.total() < MIN_PROFILE_SAMPLES
        || FutureTimes.implausible(profile.windowEnd(), clock)) {
      return List.of();
    }
    ServiceState state = state(profile);
    long bucketMillis = bucketMillis(profile, thresholds);
    long at =
        (profile.windowEnd().isBefore(profile.windowStart())
                ? profile.eventTime()
                : profile.windowEnd())
            .toEpochMilli();
    Set<SeriesKey> touched = new LinkedHashSet<>();
    Set<String> tracked = new LinkedHashSet<>();
    state.series.keySet().stream()
        .filter(k -> k.kind() == Kind.FUNCTION)
        .forEach(k -> tracked.add(k.subject()));
    table
        .frames()
        .forEach(
            (frame, stat) -> {
              if (100 * stat.self() / table.total() >= MIN_FUNCTION_PERCENT) {
                tracked.add(frame);
              }
            });
    for (String frame : tracked) {
      FrameTable.Stat stat = table.frames().get(frame);
      double percent = stat == null ? 0 : 100 * stat.self() / table.total();
      SeriesKey key = new SeriesKey(Kind.FUNCTION, frame);
      if (add(state, key, at, percent, bucketMillis, null)) {
        touched.add(key);
      }
    }
    return evaluate(profile, state, touched, thresholds);
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

  private static long bucketMillis(HotpathEvent event, Thresholds thresholds) {
    double seconds =
        thresholds.get(event.tenant(), event.service(), BUCKET_SECONDS, DEFAULT_BUCKET_SECONDS);
    return (long) (Math.max(1, seconds) * 1000);
  }

  /**
   * Adds one value; true when a bucket of the series closed (a new point to test). A value for a
   * bucket that already closed is late and dropped.
   */
  private boolean add(
      ServiceState state,
      SeriesKey key,
      long atMillis,
      double value,
      long bucketMillis,
      Exemplar exemplar) {
    if (!Double.isFinite(value) || value < 0) {
      return false;
    }
    Series series = state.series.get(key);
    if (series == null) {
      series = new Series();
      state.series.put(key, series);
    } else {
      state.seriesBytes -= series.bytes();
    }
    try {
      return addTo(series, atMillis, value, bucketMillis, exemplar);
    } finally {
      state.seriesBytes += series.bytes();
    }
  }

  private boolean addTo(
      Series series, long atMillis, double value, long bucketMillis, Exemplar exemplar) {
    if (series.bucketMillis != bucketMillis) {
      // A new bucket size starts the series over: buckets of two sizes do not compare.
      series.clear();
      series.bucketMillis = bucketMillis;
    }
    long bucket = Math.floorDiv(atMillis, bucketMillis) * bucketMillis;
    if (series.closedCount > 0 && bucket <= series.lastClosed()) {
      return false;
    }
    if (series.openCount == 0 || bucket == series.openBucket) {
      series.addOpen(bucket, value);
      keepLargest(series, exemplar);
      return false;
    }
    if (bucket < series.openBucket) {
      // Late for a bucket between the last closed one and the open one: that bucket closes at once
      // with this one value.
      series.close(bucket, value, maxPoints);
    } else {
      // A later bucket opens, and the open one closes.
      keepLargest(series, exemplar);
      series.close(series.openBucket, series.openMedian(), maxPoints);
      series.openCount = 0;
      series.addOpen(bucket, value);
    }
    if (series.openExemplar != null) {
      series.exemplars.addLast(series.openExemplar);
      while (series.exemplars.size() > 5) {
        series.exemplars.removeFirst();
      }
      series.openExemplar = null;
    }
    return true;
  }

  /** The open bucket's exemplar is its slowest span. */
  private static void keepLargest(Series series, Exemplar exemplar) {
    if (exemplar != null
        && (series.openExemplar == null || exemplar.value() > series.openExemplar.value())) {
      series.openExemplar = exemplar;
    }
  }

  /** The mean duration of the interval since the last reading; NaN when not known yet. */
  private static double intervalMean(ServiceState state, String key, Histogram h) {
    Cumulative last = state.histograms.get(key);
    if (last == null) {
      last = new Cumulative();
      last.count = h.count();
      last.sum = h.sum();
      state.histograms.put(key, last);
      return Double.NaN;
    }
    double mean;
    if (h.count() < last.count) {
      last.decreases++;
      mean = h.count() > 0 ? h.sum() / h.count() : Double.NaN;
    } else if (last.decreases >= 2) {
      // Deltas: each point is its own interval.
      mean = h.count() > 0 ? h.sum() / h.count() : Double.NaN;
    } else {
      long count = h.count() - last.count;
      mean = count > 0 ? (h.sum() - last.sum) / count : Double.NaN;
    }
    last.count = h.count();
    last.sum = h.sum();
    return mean;
  }

  /** Charges the service's state to the budget, then judges the series the event touched. */
  private List<Finding> evaluate(
      HotpathEvent event, ServiceState state, Set<SeriesKey> touched, Thresholds thresholds) {
    services.charge(event.tenant() + "/" + event.service());
    if (touched.isEmpty()) {
      return List.of();
    }
    String tenant = event.tenant();
    String service = event.service();
    double alpha = thresholds.get(tenant, service, SIGNIFICANCE, DEFAULT_SIGNIFICANCE);
    double minChange =
        thresholds.get(tenant, service, MIN_CHANGE_PERCENT, DEFAULT_MIN_CHANGE_PERCENT);
    int minSamples =
        (int) Math.max(2, thresholds.get(tenant, service, MIN_SAMPLES, DEFAULT_MIN_SAMPLES));
    List<Finding> findings = new ArrayList<>();
    for (SeriesKey key : touched) {
      Series series = state.series.get(key);
      if (series == null) {
        continue;
      }
      long[] times = series.closedTimes();
      double[] values = series.closedMedians();
      Optional<ChangePoint.Change> change =
          ChangePoint.stepUp(values, minSamples, alpha, minChange);
      change.ifPresent(
          c -> findings.add(finding(key, series, c, times, values.length, minChange, state)));
    }
    return findings;
  }

  static Severity severity(double changePercent) {
    if (changePercent >= 100) {
      return Severity.CRITICAL;
    }
    if (changePercent >= 50) {
      return Severity.HIGH;
    }
    if (changePercent >= 20) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }

  private static Finding finding(
      SeriesKey key,
      Series series,
      ChangePoint.Change change,
      long[] times,
      int samples,
      double minChange,
      ServiceState state) {
    boolean function = key.kind() == Kind.FUNCTION;
    Map<String, Double> measurements = new LinkedHashMap<>();
    measurements.put(function ? "beforePercent" : EvidenceKeys.BEFORE_MS, round(change.before()));
    measurements.put(function ? "afterPercent" : EvidenceKeys.AFTER_MS, round(change.after()));
    measurements.put(EvidenceKeys.CHANGE_PERCENT, round(change.changePercent()));
    measurements.put(EvidenceKeys.P_VALUE, change.pValue());
    measurements.put(EvidenceKeys.SAMPLES, (double) samples);
    measurements.put("beforeSamples", (double) change.split());
    measurements.put("afterSamples", (double) (samples - change.split()));
    measurements.put(EvidenceKeys.THRESHOLD, minChange);
    Instant start = Instant.ofEpochMilli(times[0]);
    Instant changedAt = Instant.ofEpochMilli(times[change.split()]);
    Instant end = Instant.ofEpochMilli(times[times.length - 1] + series.bucketMillis);
    String what =
        function
            ? String.format(
                Locale.ROOT,
                "%s's share of CPU rose from %.2f %% to %.2f %%",
                key.subject(),
                change.before(),
                change.after())
            : String.format(
                Locale.ROOT,
                "%s got slower: median %.1f ms -> %.1f ms",
                key.subject(),
                change.before(),
                change.after());
    String summary =
        what
            + String.format(Locale.ROOT, " (+%.0f %%) since %s", change.changePercent(), changedAt);
    String source =
        switch (key.kind()) {
          case ENDPOINT_SPANS -> "per-bucket medians of server span durations";
          case ENDPOINT_HISTOGRAM -> "per-bucket medians of interval means of duration histograms";
          case FUNCTION -> "per-bucket medians of the function's self share of CPU profiles";
        };
    List<String> traceIds = new ArrayList<>();
    List<String> spanIds = new ArrayList<>();
    for (Exemplar exemplar : series.exemplars) {
      traceIds.add(exemplar.traceId());
      spanIds.add(exemplar.spanId());
    }
    return new Finding(
        BottleneckType.REGRESSION,
        severity(change.changePercent()),
        LOCATION_PREFIX + key.subject(),
        new Impact(round(change.changePercent()), "%", summary),
        new Evidence(
            String.format(
                Locale.ROOT,
                "%s; %d buckets before, %d after, one-sided Mann-Whitney p = %.2g; from %s",
                summary,
                change.split(),
                samples - change.split(),
                change.pValue(),
                source),
            measurements,
            start,
            end,
            List.copyOf(state.recentEvents),
            traceIds,
            spanIds,
            List.of()));
  }

  /** {@code METHOD route} from the conventions' attributes, else the span name. */
  static String route(Span span) {
    String route = route(span.attributes());
    return route != null ? route : span.name().trim();
  }

  private static String route(Map<String, String> attributes) {
    String route = attributes.get("http.route");
    if (route == null || route.isBlank()) {
      route = attributes.get("uri");
    }
    if (route == null || route.isBlank()) {
      return null;
    }
    String method = attributes.getOrDefault("http.request.method", attributes.get("http.method"));
    if (method == null) {
      method = attributes.get("method");
    }
    route = route.trim();
    return method == null || method.isBlank()
        ? route
        : method.trim().toUpperCase(Locale.ROOT) + " " + route;
  }

  /** The factor from a duration histogram's unit to milliseconds; NaN when it is none. */
  private static double durationUnit(MetricPoint point) {
    String name = point.name().trim().toLowerCase(Locale.ROOT);
    if (!name.equals("http.server.request.duration")
        && !name.equals("http.server.duration")
        && !name.equals("http.server.requests")) {
      return Double.NaN;
    }
    String unit = point.unit() == null ? "" : point.unit().trim();
    return switch (unit) {
      case "s", "seconds" -> 1000;
      case "ms", "milliseconds" -> 1;
      case "us", "microseconds" -> 0.001;
      case "ns", "nanoseconds" -> 0.000_001;
      default -> name.equals("http.server.duration") ? 1 : 1000;
    };
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
