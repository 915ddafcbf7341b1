package io.hotpath.analyzer.detect.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EndpointHistogramDetectorTest {
  static final Thresholds DEFAULTS = (t, s, k, fallback) -> fallback;
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  static final List<Double> BOUNDS_S = List.of(0.1, 0.25, 0.5, 1.0, 2.5);

  final EndpointHistogramDetector detector = new EndpointHistogramDetector();

  /** A running-total histogram of GET /orders with this status, counts per bucket. */
  static MetricsReceived totals(int secondsAfterT0, String status, long... counts) {
    return totals("checkout", secondsAfterT0, status, counts);
  }

  static MetricsReceived totals(String service, int secondsAfterT0, String status, long... counts) {
    long count = Arrays.stream(counts).sum();
    Instant at = T0.plusSeconds(secondsAfterT0);
    MetricPoint point =
        new MetricPoint(
            "http.server.request.duration",
            MetricKind.HISTOGRAM,
            "s",
            Map.of(
                "http.route", "/orders",
                "http.request.method", "GET",
                "http.response.status_code", status),
            at,
            null,
            new Histogram(count, 0, BOUNDS_S, Arrays.stream(counts).boxed().toList()));
    return new MetricsReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        service,
        "prod",
        "1",
        "pod-1",
        at,
        List.of(point));
  }

  @Test
  void aServiceForgottenForTheStateBudgetStartsFromABaselineAgain() {
    List<String> evicted = new ArrayList<>();
    EndpointHistogramDetector bounded =
        new EndpointHistogramDetector(new StateBudget(1, evicted::add));
    bounded.observe(totals("checkout", 0, "200", 1000, 0, 0, 0, 0, 0), DEFAULTS);
    // Another service does not fit beside checkout: checkout's running totals go.
    bounded.observe(totals("cart", 0, "200", 1000, 0, 0, 0, 0, 0), DEFAULTS);
    assertThat(evicted).containsExactly("endpointHistogram");

    // So checkout's next total is a first one again: a baseline, not 100 slow requests.
    assertThat(bounded.observe(totals("checkout", 60, "200", 1000, 0, 0, 50, 50, 0), DEFAULTS))
        .isEmpty();
    detector.observe(totals("checkout", 0, "200", 1000, 0, 0, 0, 0, 0), DEFAULTS);
    assertThat(detector.observe(totals("checkout", 60, "200", 1000, 0, 0, 50, 50, 0), DEFAULTS))
        .hasSize(1);
  }

  @Test
  void chargesEachServicesSeriesAndWhatTheyCounted() {
    StateBudget budget = new StateBudget(Long.MAX_VALUE, d -> {});
    EndpointHistogramDetector bounded = new EndpointHistogramDetector(budget);

    bounded.observe(totals(0, "200", 1000, 0, 0, 0, 0, 0), DEFAULTS);
    long baseline = budget.usedBytes();
    // The series' bounds and counts, at least.
    assertThat(baseline).isGreaterThanOrEqualTo(8L * (5 + 6));

    bounded.observe(totals(60, "200", 1000, 0, 0, 50, 50, 0), DEFAULTS);
    // One increase more: its six counts, at least.
    assertThat(budget.usedBytes()).isGreaterThanOrEqualTo(baseline + 8L * 6);
  }

  @Test
  void theFirstRunningTotalIsOnlyABaseline() {
    assertThat(detector.observe(totals(0, "200", 0, 0, 0, 500, 500, 0), DEFAULTS)).isEmpty();
  }

  @Test
  void reportsASlowRouteFromWhatTheHistogramCountedSinceItsLastPoint() {
    detector.observe(totals(0, "200", 1000, 0, 0, 0, 0, 0), DEFAULTS);

    List<Finding> findings = detector.observe(totals(60, "200", 1000, 0, 0, 50, 50, 0), DEFAULTS);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.type()).isEqualTo(BottleneckType.SLOW_ENDPOINT);
    assertThat(finding.location()).isEqualTo("GET /orders");
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.REQUESTS, 100.0)
        .containsEntry(EvidenceKeys.P95_MS, 2350.0)
        .containsEntry(EvidenceKeys.P50_MS, 1000.0);
  }

  @Test
  void aFastRouteIsNotReported() {
    detector.observe(totals(0, "200", 0, 0, 0, 0, 0, 0), DEFAULTS);

    assertThat(detector.observe(totals(60, "200", 900, 100, 0, 0, 0, 0), DEFAULTS)).isEmpty();
  }

  @Test
  void serverErrorsAndGatewayTimeoutsCountPerStatusSeries() {
    detector.observe(totals(0, "200", 0, 0, 0, 0, 0, 0), DEFAULTS);
    detector.observe(totals(0, "504", 0, 0, 0, 0, 0, 0), DEFAULTS);
    detector.observe(totals(60, "200", 90, 0, 0, 0, 0, 0), DEFAULTS);

    List<Finding> findings = detector.observe(totals(60, "504", 10, 0, 0, 0, 0, 0), DEFAULTS);

    assertThat(findings)
        .extracting(Finding::type)
        .containsExactly(BottleneckType.ERROR_RATE, BottleneckType.TIMEOUTS);
    assertThat(findings.get(1).evidence().measurements())
        .containsEntry(EvidenceKeys.TIMEOUT_RATE, 0.1);
  }

  @Test
  void aRestartedSeriesCountsItsNewTotal() {
    detector.observe(totals(0, "200", 5000, 0, 0, 0, 0, 0), DEFAULTS);

    List<Finding> findings = detector.observe(totals(60, "200", 0, 0, 0, 0, 0, 40), DEFAULTS);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.evidence().measurements()).containsEntry(EvidenceKeys.REQUESTS, 40.0));
  }

  @Test
  void interpolatesInsideTheBucketThatHoldsTheRank() {
    double[] bounds = {100.0, 200.0};
    double[] counts = {0, 10, 0};

    assertThat(EndpointHistogramDetector.percentile(bounds, counts, 0.5)).isEqualTo(150.0);
  }
}
