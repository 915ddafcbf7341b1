package io.hotpath.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.InputCheck;
import io.hotpath.analyzer.detect.MutableClock;
import io.hotpath.analyzer.detect.NoiseGate;
import io.hotpath.analyzer.detect.ShardedAnalyzer;
import io.hotpath.analyzer.detect.Sightings;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.endpoint.EndpointHistogramDetector;
import io.hotpath.analyzer.detect.metric.CacheMissRateDetector;
import io.hotpath.analyzer.detect.profile.CpuHotspotDetector;
import io.hotpath.analyzer.detect.trace.NPlusOneDetector;
import io.hotpath.analyzer.detect.trace.Traces;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StackSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Nonsense that parses: each kind is counted in {@code hotpath_analyzer_skipped_total}, left out of
 * detection, and the next good event of the same series still yields its finding.
 */
class BadInputTest {
  static final Instant T0 = Traces.T0;
  static final String ITEMS = "select * from items where order_id = {n}";

  /** Defaults, except that one sighting is enough to publish: each test shows one finding. */
  static final Thresholds ONE_SIGHTING =
      (tenant, service, key, fallback) -> key.endsWith("min-sightings") ? 1 : fallback;

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AnalysisService service =
      new AnalysisService(
          ShardedAnalyzer.of(
              new BottleneckAnalyzer(
                  List.of(),
                  List.of(
                      new NPlusOneDetector(),
                      new EndpointHistogramDetector(),
                      new CacheMissRateDetector(),
                      new CpuHotspotDetector()),
                  ONE_SIGHTING,
                  new Sightings(1000),
                  (d, e, f) -> {
                    throw new AssertionError("detector " + d + " threw", f);
                  }),
              new NoiseGate(
                  new NoiseGate.Settings(
                      0.25, Duration.ofMinutes(10), Duration.ofMinutes(30), 1000),
                  ONE_SIGHTING,
                  new MutableClock(T0))),
          new RecentEventIds(1000),
          AnalysisServiceTest.config(),
          new AnalyzerMetrics(registry));

  double skipped(String input, String reason) {
    Counter counter =
        registry
            .find("hotpath.analyzer.skipped")
            .tag("input", input)
            .tag("reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  static List<BottleneckType> types(List<BottleneckDetected> detected) {
    return detected.stream().map(BottleneckDetected::type).toList();
  }

  // Spans

  static SpansReceived nPlusOne(UnaryOperator<Span> change) {
    return Traces.batch(Traces.nPlusOne("/orders", ITEMS, 6, 12).stream().map(change).toList());
  }

  static Span shifted(Span s, long startNanos, long endNanos) {
    return new Span(
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        s.name(),
        s.kind(),
        startNanos,
        endNanos,
        s.status(),
        s.attributes());
  }

  @Test
  void spansFromNineteenSeventyAreCountedAndSkipped() {
    long fiftyYears = Duration.ofDays(50 * 365).toNanos();
    SpansReceived absurd =
        nPlusOne(s -> shifted(s, s.startEpochNanos() - fiftyYears, s.endEpochNanos() - fiftyYears));

    assertThat(service.analyze(absurd)).isEmpty();
    assertThat(skipped("spans", InputCheck.IMPLAUSIBLE_TIME)).isEqualTo(absurd.spans().size());

    assertThat(types(service.analyze(nPlusOne(s -> s)))).containsExactly(BottleneckType.N_PLUS_ONE);
  }

  @Test
  void spansLastingSinceNineteenSeventyAreCountedAndSkipped() {
    SpansReceived absurd = nPlusOne(s -> shifted(s, 0, s.endEpochNanos()));

    assertThat(service.analyze(absurd)).isEmpty();
    assertThat(skipped("spans", InputCheck.IMPLAUSIBLE_TIME)).isEqualTo(absurd.spans().size());

    assertThat(types(service.analyze(nPlusOne(s -> s)))).containsExactly(BottleneckType.N_PLUS_ONE);
  }

  // Metric values

  static MetricsReceived metrics(Instant at, MetricPoint... points) {
    return new MetricsReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        "pod-1",
        at,
        List.of(points));
  }

  static MetricsReceived cacheGets(Instant at, double hits, double misses) {
    return metrics(
        at,
        new MetricPoint(
            "cache.gets",
            MetricKind.SUM,
            "",
            Map.of("cache", "products", "result", "hit"),
            at,
            hits,
            null),
        new MetricPoint(
            "cache.gets",
            MetricKind.SUM,
            "",
            Map.of("cache", "products", "result", "miss"),
            at,
            misses,
            null));
  }

  @Test
  void notANumberMetricValuesAreCountedAndSkipped() {
    service.analyze(cacheGets(T0, 10_000, 1_000));

    assertThat(service.analyze(cacheGets(T0.plusSeconds(30), Double.NaN, Double.POSITIVE_INFINITY)))
        .isEmpty();
    assertThat(skipped("metrics", InputCheck.NOT_FINITE)).isEqualTo(2);

    assertThat(types(service.analyze(cacheGets(T0.plusSeconds(60), 10_700, 1_300))))
        .containsExactly(BottleneckType.CACHE_MISS_RATE);
  }

  @Test
  void negativeMetricValuesAreCountedAndSkipped() {
    service.analyze(cacheGets(T0, 10_000, 1_000));

    assertThat(service.analyze(cacheGets(T0.plusSeconds(30), -5, -1_100))).isEmpty();
    assertThat(skipped("metrics", InputCheck.NEGATIVE_VALUE)).isEqualTo(2);

    assertThat(types(service.analyze(cacheGets(T0.plusSeconds(60), 10_700, 1_300))))
        .containsExactly(BottleneckType.CACHE_MISS_RATE);
  }

  @Test
  void metricPointsFarFromTheirBatchTimeAreCountedAndSkipped() {
    service.analyze(cacheGets(T0, 10_000, 1_000));
    MetricsReceived absurd = cacheGets(Instant.EPOCH, 10_100, 5_000);
    MetricsReceived late =
        new MetricsReceived(
            absurd.eventId(),
            absurd.schemaVersion(),
            absurd.tenant(),
            absurd.service(),
            absurd.environment(),
            absurd.version(),
            absurd.instance(),
            T0.plusSeconds(30),
            absurd.points());

    assertThat(service.analyze(late)).isEmpty();
    assertThat(skipped("metrics", InputCheck.IMPLAUSIBLE_TIME)).isEqualTo(2);

    assertThat(types(service.analyze(cacheGets(T0.plusSeconds(60), 10_700, 1_300))))
        .containsExactly(BottleneckType.CACHE_MISS_RATE);
  }

  // Histograms

  static MetricsReceived histogram(Instant at, long count, double sum, List<Long> counts) {
    return metrics(
        at,
        new MetricPoint(
            "http.server.request.duration",
            MetricKind.HISTOGRAM,
            "s",
            Map.of(
                "http.route", "/orders",
                "http.request.method", "GET",
                "http.response.status_code", "200"),
            at,
            null,
            new Histogram(count, sum, List.of(0.1, 0.25, 0.5, 1.0, 2.5), counts)));
  }

  @Test
  void histogramsWhoseCountsDoNotAddUpAreCountedAndSkipped() {
    service.analyze(histogram(T0, 1000, 0, List.of(1000L, 0L, 0L, 0L, 0L, 0L)));

    assertThat(
            service.analyze(
                histogram(T0.plusSeconds(30), 5, 0, List.of(1000L, 0L, 0L, 900L, 900L, 0L))))
        .isEmpty();
    assertThat(service.analyze(histogram(T0.plusSeconds(40), 1000, Double.NaN, List.of())))
        .isEmpty();
    assertThat(
            service.analyze(
                histogram(T0.plusSeconds(50), 1000, 0, List.of(1000L, -1L, 0L, 1L, 0L, 0L))))
        .isEmpty();
    assertThat(skipped("metrics", InputCheck.INCONSISTENT_HISTOGRAM)).isEqualTo(3);

    assertThat(
            types(
                service.analyze(
                    histogram(T0.plusSeconds(60), 1100, 0, List.of(1000L, 0L, 0L, 50L, 50L, 0L)))))
        .containsExactly(BottleneckType.SLOW_ENDPOINT);
  }

  // Profiles

  static ProfileCaptured cpu(Instant windowStart, Instant windowEnd, List<StackSample> stacks) {
    return new ProfileCaptured(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        "pod-1",
        T0,
        ProfileType.CPU,
        "cpu",
        "samples",
        10_000_000L,
        windowStart,
        windowEnd,
        stacks);
  }

  static List<StackSample> hotParse(long parse, long other) {
    return List.of(
        new StackSample(List.of("java.lang.Thread.run", "com.app.Json.parse"), parse),
        new StackSample(List.of("java.lang.Thread.run", "com.app.Other.work"), other));
  }

  static ProfileCaptured goodProfile() {
    return cpu(T0.minusSeconds(10), T0, hotParse(60, 940));
  }

  static boolean showsParse(List<BottleneckDetected> detected) {
    return detected.stream()
        .anyMatch(
            b ->
                b.type() == BottleneckType.CPU_HOTSPOT
                    && b.location().equals("frame:com.app.Json.parse"));
  }

  @Test
  void stacksWithNegativeValuesAreCountedAndSkipped() {
    List<StackSample> stacks = new ArrayList<>(hotParse(60, 940));
    stacks.add(new StackSample(List.of("java.lang.Thread.run", "com.app.Bogus.run"), -1_000_000));

    List<BottleneckDetected> detected = service.analyze(cpu(T0.minusSeconds(10), T0, stacks));

    assertThat(skipped("profiles", InputCheck.NEGATIVE_VALUE)).isEqualTo(1);
    assertThat(showsParse(detected)).as("the good stacks of the same profile count").isTrue();
    assertThat(detected).noneMatch(b -> b.location().contains("Bogus"));
  }

  @Test
  void stacksWithBlankFramesAreCountedAndSkipped() {
    ProfileCaptured blank =
        cpu(
            T0.minusSeconds(10),
            T0,
            List.of(new StackSample(List.of("java.lang.Thread.run", " "), 1000)));

    assertThat(service.analyze(blank)).isEmpty();
    assertThat(skipped("profiles", InputCheck.BLANK_FRAME)).isEqualTo(1);

    assertThat(showsParse(service.analyze(goodProfile()))).isTrue();
  }

  @Test
  void emptyProfilesAreCounted() {
    assertThat(service.analyze(cpu(T0.minusSeconds(10), T0, List.of()))).isEmpty();
    assertThat(skipped("profiles", InputCheck.EMPTY_PROFILE)).isEqualTo(1);

    assertThat(showsParse(service.analyze(goodProfile()))).isTrue();
  }

  @Test
  void profilesWithAbsurdWindowsAreCountedAndSkipped() {
    ProfileCaptured absurd = cpu(Instant.EPOCH, Instant.EPOCH.plusSeconds(10), hotParse(60, 940));

    assertThat(service.analyze(absurd)).isEmpty();
    assertThat(skipped("profiles", InputCheck.IMPLAUSIBLE_TIME)).isEqualTo(2);

    assertThat(showsParse(service.analyze(goodProfile()))).isTrue();
  }
}
