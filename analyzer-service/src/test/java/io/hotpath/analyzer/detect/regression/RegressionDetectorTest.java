package io.hotpath.analyzer.detect.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
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
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class RegressionDetectorTest {
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  /** A day after the telemetry of the tests: none of it is from the future. */
  static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

  static final Thresholds DEFAULTS = (tenant, service, key, fallback) -> fallback;
  final RegressionDetector detector = new RegressionDetector(100, 500, 360, CLOCK);
  final Random random = new Random(42);
  final List<Finding> everyFinding = new ArrayList<>();

  private double noisy(double median) {
    return median * Math.exp(random.nextGaussian() * 0.2);
  }

  private static Span span(String id, SpanKind kind, SpanStatus status, Instant end, double ms) {
    long endNanos = end.getEpochSecond() * 1_000_000_000L + end.getNano();
    return new Span(
        "trace-" + id,
        "span-" + id,
        null,
        "GET /orders/{id}",
        kind,
        endNanos - (long) (ms * 1_000_000),
        endNanos,
        status,
        Map.of("http.route", "/orders/{id}", "http.request.method", "GET"));
  }

  private static SpansReceived spans(Instant at, List<Span> spans) {
    return spans("checkout", at, spans);
  }

  private static SpansReceived spans(String service, Instant at, List<Span> spans) {
    return new SpansReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "1.4.2",
        "pod-1",
        at,
        spans);
  }

  private int nextId;

  /** One batch a minute of 5 server spans whose median latency for minute m is {@code ms}. */
  private List<Finding> serverSpans(int minutes, IntToDoubleFunction ms) {
    List<Finding> last = List.of();
    for (int m = 0; m < minutes; m++) {
      last = minute(detector, m, ms.applyAsDouble(m));
      everyFinding.addAll(last);
    }
    return last;
  }

  /** Minute {@code m}'s batch: 5 server spans 10 s apart, of median latency {@code ms}. */
  private List<Finding> minute(RegressionDetector to, int m, double ms) {
    List<Span> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant end = T0.plusSeconds(60L * m + 10 * i);
      batch.add(span(String.valueOf(nextId++), SpanKind.SERVER, SpanStatus.OK, end, noisy(ms)));
    }
    return to.observe(spans(T0.plusSeconds(60L * m + 50), batch), DEFAULTS);
  }

  @Test
  void aServiceForgottenForTheStateBudgetStartsItsSeriesAgain() {
    List<String> evicted = new ArrayList<>();
    RegressionDetector bounded =
        new RegressionDetector(100, 500, 360, CLOCK, new StateBudget(1, evicted::add));
    for (int m = 0; m < 30; m++) {
      minute(bounded, m, noisy(100));
    }
    // Another service does not fit beside checkout: checkout's 30 minutes at 100 ms go.
    Instant at = T0.plusSeconds(60L * 30);
    bounded.observe(
        spans("cart", at, List.of(span("cart", SpanKind.SERVER, SpanStatus.OK, at, 50))), DEFAULTS);
    assertThat(evicted).containsExactly("regression");

    List<Finding> after = List.of();
    for (int m = 30; m < 45; m++) {
      after = minute(bounded, m, noisy(180));
    }
    // Only the slow minutes are left, and they are no change: unbounded, the same is a regression.
    assertThat(after).isEmpty();
    assertThat(serverSpans(45, m -> m < 30 ? 100 : 180)).hasSize(1);
  }

  @Test
  void chargesWhatEachServicesSeriesHold() {
    StateBudget budget = new StateBudget(Long.MAX_VALUE, d -> {});
    RegressionDetector bounded = new RegressionDetector(100, 500, 360, CLOCK, budget);

    minute(bounded, 0, 100);
    long oneMinute = budget.usedBytes();
    assertThat(oneMinute).isPositive();
    for (int m = 1; m < 30; m++) {
      minute(bounded, m, 100);
    }
    // 29 more closed buckets of a time and a median each, at least.
    assertThat(budget.usedBytes()).isGreaterThanOrEqualTo(oneMinute + 29 * 16);
  }

  @Test
  void aSeriesForgottenForTheSeriesCapNoLongerCounts() {
    StateBudget budget = new StateBudget(Long.MAX_VALUE, d -> {});
    RegressionDetector bounded = new RegressionDetector(100, 2, 360, CLOCK, budget);
    long twoRoutes = 0;
    for (int r = 0; r < 50; r++) {
      List<Span> batch = new ArrayList<>();
      for (int m = 0; m < 20; m++) {
        Instant end = T0.plusSeconds(60L * m);
        long endNanos = end.getEpochSecond() * 1_000_000_000L;
        batch.add(
            new Span(
                "trace-" + r + "-" + m,
                "span-" + r + "-" + m,
                null,
                "GET /r" + r,
                SpanKind.SERVER,
                endNanos - 100_000_000L,
                endNanos,
                SpanStatus.OK,
                Map.of("http.route", "/r" + r, "http.request.method", "GET")));
      }
      bounded.observe(spans(T0.plusSeconds(60L * 20), batch), DEFAULTS);
      if (r == 1) {
        twoRoutes = budget.usedBytes();
      }
    }
    // Two series are kept at any time, each of 20 minutes: the estimate does not grow with the
    // 48 forgotten ones.
    assertThat(twoRoutes).isPositive();
    assertThat(budget.usedBytes()).isBetween(twoRoutes - 1_000, twoRoutes + 1_000);
  }

  @Test
  void reportsEndpointThatGotSlowerFromServerSpans() {
    List<Finding> findings = serverSpans(45, m -> m < 30 ? 100 : 180);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(BottleneckType.REGRESSION);
              assertThat(f.location()).isEqualTo("regression:GET /orders/{id}");
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.evidence().measurements().get(EvidenceKeys.BEFORE_MS))
                  .isCloseTo(100, within(10.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.AFTER_MS))
                  .isCloseTo(180, within(20.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.CHANGE_PERCENT))
                  .isCloseTo(80, within(25.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.P_VALUE)).isLessThan(0.01);
              assertThat(f.evidence().traceIds()).isNotEmpty();
              assertThat(f.evidence().windowStart()).isEqualTo(T0);
            });
  }

  @Test
  void aFullSeriesKeepsItsNewestBuckets() {
    RegressionDetector small = new RegressionDetector(100, 500, 30, CLOCK);
    List<Finding> last = List.of();
    for (int m = 0; m < 45; m++) {
      last = minute(small, m, m < 30 ? 100 : 180);
    }

    // Minutes 0-43 closed (44 is open); 30 kept: 14-43, of which 16 before the change.
    assertThat(last)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.evidence().windowStart()).isEqualTo(T0.plusSeconds(60L * 14));
              assertThat(f.evidence().windowEnd()).isEqualTo(T0.plusSeconds(60L * 44));
              assertThat(f.evidence().measurements().get(EvidenceKeys.SAMPLES)).isEqualTo(30.0);
              assertThat(f.evidence().measurements().get("beforeSamples")).isEqualTo(16.0);
              assertThat(f.evidence().measurements().get(EvidenceKeys.BEFORE_MS))
                  .isCloseTo(100, within(10.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.AFTER_MS))
                  .isCloseTo(180, within(20.0));
            });
  }

  @Test
  void aLateValueBetweenTheLastClosedBucketAndTheOpenOneClosesItsBucket() {
    List<Finding> last = List.of();
    for (int m = 0; m < 46; m++) {
      if (m == 29 || m == 30) {
        continue; // no traffic in minutes 29 and 30, until the late span below
      }
      last = minute(detector, m, m < 29 ? 100 : 300);
      if (m == 31) {
        // Minute 28 is closed and 31 open: a span of minute 30 arrives late and closes minute 30.
        Instant late = T0.plusSeconds(60L * 30 + 5);
        detector.observe(
            spans(late, List.of(span("late", SpanKind.SERVER, SpanStatus.OK, late, 300))),
            DEFAULTS);
        // A span of minute 28, already closed, is dropped.
        Instant tooLate = T0.plusSeconds(60L * 28 + 5);
        detector.observe(
            spans(tooLate, List.of(span("too-late", SpanKind.SERVER, SpanStatus.OK, tooLate, 900))),
            DEFAULTS);
      }
    }

    // Closed: minutes 0-28 (29 buckets), 30 (the late span), 31-44 (14); minute 45 is open.
    assertThat(last)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.evidence().measurements().get(EvidenceKeys.SAMPLES)).isEqualTo(44.0);
              assertThat(f.evidence().measurements().get("beforeSamples")).isEqualTo(29.0);
              assertThat(f.evidence().measurements().get(EvidenceKeys.AFTER_MS))
                  .isCloseTo(300, within(40.0));
            });
  }

  @Test
  void stableNoisyEndpointIsNeverReported() {
    serverSpans(180, m -> 100);

    assertThat(everyFinding).isEmpty();
  }

  @Test
  void clientAndFailedSpansAreNotTheEndpointsLatency() {
    List<Finding> last = List.of();
    int id = 0;
    for (int m = 0; m < 45; m++) {
      List<Span> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Instant end = T0.plusSeconds(60L * m + 10 * i);
        batch.add(span(String.valueOf(id++), SpanKind.SERVER, SpanStatus.OK, end, noisy(100)));
        batch.add(
            span(
                String.valueOf(id++),
                SpanKind.CLIENT,
                SpanStatus.OK,
                end,
                noisy(m < 30 ? 100 : 300)));
        batch.add(
            span(
                String.valueOf(id++),
                SpanKind.SERVER,
                SpanStatus.ERROR,
                end,
                noisy(m < 30 ? 100 : 300)));
      }
      last = detector.observe(spans(T0.plusSeconds(60L * m + 50), batch), DEFAULTS);
    }

    assertThat(last).isEmpty();
  }

  @Test
  void reportsRegressionFromCumulativeDurationHistograms() {
    List<Finding> last = List.of();
    long count = 0;
    double sumSeconds = 0;
    for (int m = 0; m <= 45; m++) {
      count += 100;
      sumSeconds += 100 * noisy(m <= 30 ? 0.1 : 0.25);
      MetricPoint point =
          new MetricPoint(
              "http.server.request.duration",
              MetricKind.HISTOGRAM,
              "s",
              Map.of("http.route", "/cart", "http.request.method", "POST"),
              T0.plusSeconds(60L * m),
              null,
              new Histogram(count, sumSeconds, List.of(), List.of()));
      last =
          detector
              .histograms()
              .observe(
                  new MetricsReceived(
                      UUID.randomUUID(),
                      Events.SCHEMA_VERSION,
                      "demo",
                      "checkout",
                      "prod",
                      "1.4.2",
                      "pod-1",
                      point.time(),
                      List.of(point)),
                  DEFAULTS);
    }

    assertThat(last)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo("regression:POST /cart");
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.evidence().measurements().get(EvidenceKeys.BEFORE_MS))
                  .isCloseTo(100, within(10.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.AFTER_MS))
                  .isCloseTo(250, within(25.0));
            });
  }

  @Test
  void reportsFunctionWhoseShareOfCpuRose() {
    List<Finding> last = List.of();
    for (int m = 0; m < 45; m++) {
      long hot = Math.round(noisy(m < 30 ? 50 : 120));
      Instant end = T0.plusSeconds(60L * m + 30);
      last =
          detector
              .profiles()
              .observe(
                  new ProfileCaptured(
                      UUID.randomUUID(),
                      Events.SCHEMA_VERSION,
                      "demo",
                      "checkout",
                      "prod",
                      "1.4.2",
                      "pod-1",
                      end,
                      ProfileType.CPU,
                      "cpu",
                      "samples",
                      10_000_000L,
                      end.minusSeconds(10),
                      end,
                      List.of(
                          new StackSample(
                              List.of("java.lang.Thread.run", "com.app.Pricing.quote"), hot),
                          new StackSample(
                              List.of("java.lang.Thread.run", "com.app.Other.work"), 1000 - hot))),
                  DEFAULTS);
    }

    assertThat(last)
        .extracting(Finding::location)
        .containsExactly("regression:com.app.Pricing.quote");
    assertThat(last.get(0).evidence().measurements().get("beforePercent"))
        .isCloseTo(5, within(1.0));
    assertThat(last.get(0).evidence().measurements().get("afterPercent"))
        .isCloseTo(12, within(2.0));
  }
}
