package io.hotpath.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.MutableClock;
import io.hotpath.analyzer.detect.NoiseGate;
import io.hotpath.analyzer.detect.ShardedAnalyzer;
import io.hotpath.analyzer.detect.Sightings;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StartupGoalsDetector;
import io.hotpath.analyzer.detect.StartupPhaseDetector;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.endpoint.EndpointDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointHistogramDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointStatsDetector;
import io.hotpath.analyzer.detect.metric.CacheMissRateDetector;
import io.hotpath.analyzer.detect.metric.DbPoolSaturationDetector;
import io.hotpath.analyzer.detect.metric.MemoryLeakDetector;
import io.hotpath.analyzer.detect.profile.CpuHotspotDetector;
import io.hotpath.analyzer.detect.profile.LockContentionDetector;
import io.hotpath.analyzer.detect.query.QueryStatsDetector;
import io.hotpath.analyzer.detect.query.SlowQueryDetector;
import io.hotpath.analyzer.detect.regression.RegressionDetector;
import io.hotpath.analyzer.detect.trace.NPlusOneDetector;
import io.hotpath.analyzer.detect.trace.SequentialQueriesDetector;
import io.hotpath.analyzer.detect.trace.Traces;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Whatever parses, however extreme (NaN, infinities, Long.MAX_VALUE counts, zero-length windows,
 * negative periods, 1970 timestamps), every detector of the service takes without throwing: what
 * makes no sense is skipped by the input check, the rest must be handled by the detectors.
 */
class ExtremeInputPropertyTest {
  static final Instant T0 = Traces.T0;
  static final double[] DOUBLES = {
    0,
    -0.0,
    1e-300,
    1e300,
    Double.MAX_VALUE,
    Double.MIN_VALUE,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    -1,
    0.5,
    1,
    100,
    1e9
  };
  static final long[] LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000L, 42};
  static final List<String> PROFILE_UNITS =
      List.of("samples", "nanoseconds", "bytes", "ms", "count");
  static final List<String> UNITS = List.of("samples", "nanoseconds", "bytes", "ms", "s", "", "By");

  @Property(tries = 200)
  void noDetectorThrowsOnAnythingThatParses(@ForAll long seed) {
    List<String> failures = new ArrayList<>();
    AnalysisService service = service(failures);
    Random random = new Random(seed);

    for (int i = 0; i < 12; i++) {
      service.analyze(event(random, i));
    }

    assertThat(failures).as("seed %d", seed).isEmpty();
  }

  static AnalysisService service(List<String> failures) {
    Thresholds defaults = (tenant, service, key, fallback) -> fallback;
    MemoryLeakDetector leak = new MemoryLeakDetector();
    DbPoolSaturationDetector pool = new DbPoolSaturationDetector();
    RegressionDetector regression = new RegressionDetector();
    List<SignalDetector<?>> detectors =
        List.of(
            new StartupPhaseDetector(1000),
            new StartupGoalsDetector(),
            new NPlusOneDetector(),
            new SequentialQueriesDetector(),
            new SlowQueryDetector(),
            new QueryStatsDetector(),
            new EndpointDetector(),
            new EndpointHistogramDetector(),
            new EndpointStatsDetector(),
            new CpuHotspotDetector(),
            new LockContentionDetector(),
            leak,
            leak.resources(),
            leak.allocations(),
            new CacheMissRateDetector(),
            pool,
            pool.resources(),
            regression,
            regression.histograms(),
            regression.profiles());
    return new AnalysisService(
        ShardedAnalyzer.of(
            new BottleneckAnalyzer(
                List.of(),
                detectors,
                defaults,
                new Sightings(1000),
                (detector, event, failure) -> failures.add(detector + ": " + failure)),
            new NoiseGate(
                new NoiseGate.Settings(0.25, Duration.ofMinutes(10), Duration.ofMinutes(30), 1000),
                defaults,
                new MutableClock(T0))),
        new RecentEventIds(1000),
        AnalysisServiceTest.config(),
        new AnalyzerMetrics(new SimpleMeterRegistry()));
  }

  static HotpathEvent event(Random random, int i) {
    Instant at = random.nextInt(10) == 0 ? Instant.EPOCH : T0.plusSeconds(i * 30L);
    UUID id = UUID.randomUUID();
    return switch (random.nextInt(7)) {
      case 0 -> spans(random, id, at);
      case 1 -> metrics(random, id, at);
      case 2 -> profile(random, id, at);
      case 3 ->
          new ResourcesSampled(
              id,
              Events.SCHEMA_VERSION,
              "demo",
              "checkout",
              "prod",
              "1",
              "pod-1",
              at,
              List.of(
                  new ResourceSample(
                      at,
                      d(random),
                      d(random),
                      d(random),
                      d(random),
                      random.nextInt(),
                      random.nextInt(),
                      random.nextInt())));
      case 4 ->
          new StartupReported(
              id,
              Events.SCHEMA_VERSION,
              "demo",
              "checkout",
              "prod",
              "1",
              "pod-1",
              at,
              random.nextBoolean() ? StartType.COLD : StartType.WARM,
              List.of(new StartupPhase("boot", Math.abs(l(random) % Long.MAX_VALUE))),
              l(random),
              d(random));
      case 5 ->
          new QueryStatsReported(
              id,
              Events.SCHEMA_VERSION,
              "demo",
              "checkout",
              "prod",
              "1",
              "pod-1",
              at,
              at,
              at,
              List.of(
                  new QueryStats(
                      "select * from t where id = 1",
                      "db",
                      l(random),
                      d(random),
                      d(random),
                      d(random),
                      l(random),
                      random.nextBoolean())));
      default ->
          new EndpointStatsReported(
              id,
              Events.SCHEMA_VERSION,
              "demo",
              "checkout",
              "prod",
              "1",
              "pod-1",
              at,
              at,
              at,
              List.of(
                  new EndpointStats(
                      "/orders", "GET", l(random), l(random), l(random), d(random), d(random),
                      d(random))));
    };
  }

  static SpansReceived spans(Random random, UUID id, Instant at) {
    List<Span> spans = new ArrayList<>();
    long base = at.getEpochSecond() * 1_000_000_000L;
    spans.add(
        new Span(
            "t",
            "root",
            null,
            "GET /orders",
            SpanKind.SERVER,
            base,
            base + dur(random),
            SpanStatus.OK,
            Map.of("http.route", "/orders", "http.request.method", "GET")));
    for (int i = 0; i < 8; i++) {
      long start = base + random.nextInt(1000);
      spans.add(
          new Span(
              "t",
              "q" + i,
              "root",
              "SELECT",
              SpanKind.CLIENT,
              start,
              start + dur(random),
              random.nextBoolean() ? SpanStatus.ERROR : SpanStatus.UNSET,
              Map.of(
                  "db.system",
                  "postgresql",
                  "db.statement",
                  "select * from t where id = " + i,
                  "db.response.returned_rows",
                  Double.toString(d(random)))));
    }
    return new SpansReceived(
        id, Events.SCHEMA_VERSION, "demo", "checkout", "prod", "1", "pod-1", at, spans);
  }

  static long dur(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE / 4;
      default -> random.nextInt(1_000_000_000);
    };
  }

  static MetricsReceived metrics(Random random, UUID id, Instant at) {
    List<MetricPoint> points = new ArrayList<>();
    String[] names = {
      "jvm.memory.used_after_last_gc",
      "jvm.memory.used",
      "process.memory.usage",
      "cache.gets",
      "db.client.connection.count",
      "db.client.connection.max",
      "db.client.connection.pending_requests",
      "hikaricp.connections.active"
    };
    for (String name : names) {
      points.add(
          new MetricPoint(
              name,
              random.nextBoolean() ? MetricKind.GAUGE : MetricKind.SUM,
              UNITS.get(random.nextInt(UNITS.size())),
              Map.of(
                  "cache",
                  "c",
                  "result",
                  random.nextBoolean() ? "hit" : "miss",
                  "db.client.connection.state",
                  "used",
                  "jvm.memory.type",
                  "heap"),
              at,
              d(random),
              null));
    }
    long count = random.nextBoolean() ? Long.MAX_VALUE : random.nextInt(1000);
    points.add(
        new MetricPoint(
            "http.server.request.duration",
            MetricKind.HISTOGRAM,
            "s",
            Map.of(
                "http.route",
                "/orders",
                "http.request.method",
                "GET",
                "http.response.status_code",
                random.nextBoolean() ? "200" : "504"),
            at,
            null,
            new Histogram(count, d(random), List.of(0.1, 1.0), List.of(count, 0L, 0L))));
    return new MetricsReceived(
        id, Events.SCHEMA_VERSION, "demo", "checkout", "prod", "1", "pod-1", at, points);
  }

  static ProfileCaptured profile(Random random, UUID id, Instant at) {
    ProfileType type = ProfileType.values()[random.nextInt(ProfileType.values().length)];
    List<StackSample> stacks =
        List.of(
            new StackSample(List.of("java.lang.Thread.run", "com.app.A.a"), l(random)),
            new StackSample(List.of("java.lang.Thread.run", "java.lang.Object.wait"), l(random)));
    Instant start = random.nextBoolean() ? at : at.minusSeconds(10);
    return new ProfileCaptured(
        id,
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1",
        "pod-1",
        at,
        type,
        type == ProfileType.ALLOCATION ? "alloc_in_new_tlab_bytes" : "cpu",
        PROFILE_UNITS.get(random.nextInt(PROFILE_UNITS.size())),
        l(random),
        start,
        at,
        stacks);
  }

  static double d(Random random) {
    return DOUBLES[random.nextInt(DOUBLES.length)];
  }

  static long l(Random random) {
    return LONGS[random.nextInt(LONGS.length)];
  }
}
