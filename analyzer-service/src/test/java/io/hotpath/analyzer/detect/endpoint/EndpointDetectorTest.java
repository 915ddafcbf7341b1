package io.hotpath.analyzer.detect.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.trace.Traces;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpanStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class EndpointDetectorTest {
  static final Thresholds DEFAULTS = (t, s, k, fallback) -> fallback;
  final EndpointDetector detector = new EndpointDetector();

  /** {@code count} requests to GET /orders/{n} taking {@code ms}, with these extra attributes. */
  static List<Span> requests(int count, double ms, String... attributes) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> a = new HashMap<>(Traces.attributes(attributes));
      a.put("http.request.method", "GET");
      a.put("url.path", "/orders/" + (1000 + i));
      a.putIfAbsent("http.response.status_code", "200");
      Span span =
          Traces.span(Traces.id(), Traces.id(), null, "GET", SpanKind.SERVER, i * 100, ms, a);
      spans.add(span);
    }
    return spans;
  }

  static List<Span> withStatus(List<Span> spans, SpanStatus status) {
    return spans.stream()
        .map(
            s ->
                new Span(
                    s.traceId(),
                    s.spanId(),
                    s.parentSpanId(),
                    s.name(),
                    s.kind(),
                    s.startEpochNanos(),
                    s.endEpochNanos(),
                    status,
                    s.attributes()))
        .toList();
  }

  static List<Finding> ofType(List<Finding> findings, BottleneckType type) {
    return findings.stream().filter(f -> f.type() == type).toList();
  }

  @Test
  void reportsASlowRouteWithItsPercentilesAgainstTheGoal() {
    List<Span> spans = new ArrayList<>(requests(18, 100));
    spans.addAll(requests(2, 1200));

    List<Finding> findings = detector.observe(Traces.batch(spans), DEFAULTS);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.type()).isEqualTo(BottleneckType.SLOW_ENDPOINT);
    assertThat(finding.location()).isEqualTo("GET /orders/{id}");
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.REQUESTS, 20.0)
        .containsEntry(EvidenceKeys.GOAL_MS, 500.0);
    // Percentiles to the window's relative accuracy (1 %).
    assertThat(finding.evidence().measurements().get(EvidenceKeys.P50_MS))
        .isCloseTo(100.0, Percentage.withPercentage(1));
    assertThat(finding.evidence().measurements().get(EvidenceKeys.P95_MS))
        .isCloseTo(1200.0, Percentage.withPercentage(1));
    assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(finding.evidence().traceIds()).isNotEmpty();
  }

  @Test
  void prefersTheRouteTemplateOverThePath() {
    List<Span> spans = requests(20, 900, "http.route", "/orders/:orderId");

    assertThat(detector.observe(Traces.batch(spans), DEFAULTS))
        .extracting(Finding::location)
        .containsExactly("GET /orders/:orderId");
  }

  @Test
  void aSlowRouteWithTooFewRequestsIsNotJudged() {
    assertThat(detector.observe(Traces.batch(requests(19, 2000)), DEFAULTS)).isEmpty();
  }

  @Test
  void reportsAnErrorRateOverFivePercent() {
    List<Span> spans = new ArrayList<>(requests(18, 10));
    spans.addAll(requests(2, 10, "http.response.status_code", "500"));

    List<Finding> errors =
        ofType(detector.observe(Traces.batch(spans), DEFAULTS), BottleneckType.ERROR_RATE);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).evidence().measurements())
        .containsEntry(EvidenceKeys.ERROR_RATE, 0.1)
        .containsEntry(EvidenceKeys.ERRORS, 2.0);
    assertThat(errors.get(0).impact().value()).isEqualTo(10.0);
    assertThat(errors.get(0).evidence().spanIds()).hasSize(2);
  }

  @Test
  void anErrorRateOfFivePercentIsNotOverTheLimit() {
    List<Span> spans = new ArrayList<>(withStatus(requests(1, 10), SpanStatus.ERROR));
    spans.addAll(requests(19, 10));

    assertThat(detector.observe(Traces.batch(spans), DEFAULTS)).isEmpty();
  }

  @Test
  void reportsTimeoutsFromStatusAndExceptionType() {
    List<Span> spans = new ArrayList<>(requests(96, 10));
    spans.addAll(requests(1, 30000, "http.response.status_code", "504"));
    spans.addAll(requests(1, 3000, "exception.type", "java.net.http.HttpTimeoutException"));

    List<Finding> findings = detector.observe(Traces.batch(spans), DEFAULTS);

    List<Finding> timeouts = ofType(findings, BottleneckType.TIMEOUTS);
    assertThat(timeouts).hasSize(1);
    assertThat(timeouts.get(0).evidence().measurements())
        .containsEntry(EvidenceKeys.TIMEOUTS, 2.0)
        .containsEntry(EvidenceKeys.TIMEOUT_RATE, 0.02);
    assertThat(ofType(findings, BottleneckType.ERROR_RATE)).isEmpty();
  }

  @Test
  void aServiceForgottenForTheStateBudgetStartsItsWindowsAgain() {
    List<String> evicted = new ArrayList<>();
    StateBudget budget = new StateBudget(1, evicted::add);
    EndpointDetector bounded = new EndpointDetector(budget);

    assertThat(bounded.observe(Traces.batch("checkout", requests(15, 900)), DEFAULTS)).isEmpty();
    assertThat(bounded.observe(Traces.batch("cart", requests(1, 900)), DEFAULTS)).isEmpty();
    assertThat(evicted).containsExactly("endpoint");
    StateBudget cartAlone = new StateBudget(Long.MAX_VALUE, detector -> {});
    new EndpointDetector(cartAlone).observe(Traces.batch("cart", requests(1, 900)), DEFAULTS);
    assertThat(budget.usedBytes()).isEqualTo(cartAlone.usedBytes());

    // Its fifteen earlier requests were forgotten with it: five more are too few to judge.
    assertThat(bounded.observe(Traces.batch("checkout", requests(5, 900)), DEFAULTS)).isEmpty();
    // Unbounded, the same requests are judged together.
    detector.observe(Traces.batch("checkout", requests(15, 900)), DEFAULTS);
    assertThat(
            ofType(
                detector.observe(Traces.batch("checkout", requests(5, 900)), DEFAULTS),
                BottleneckType.SLOW_ENDPOINT))
        .hasSize(1);
  }

  @Test
  void clientSpansAreNotEndpoints() {
    List<Span> spans =
        requests(30, 2000).stream()
            .map(
                s ->
                    new Span(
                        s.traceId(),
                        s.spanId(),
                        null,
                        s.name(),
                        SpanKind.CLIENT,
                        s.startEpochNanos(),
                        s.endEpochNanos(),
                        s.status(),
                        s.attributes()))
            .toList();

    assertThat(detector.observe(Traces.batch(spans), DEFAULTS)).isEmpty();
  }

  static EndpointStatsReported stats(EndpointStats... endpoints) {
    return new EndpointStatsReported(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        null,
        Traces.T0,
        Traces.T0.minusSeconds(60),
        Traces.T0,
        List.of(endpoints));
  }

  @Test
  void endpointStatisticsUpdateTheSameRoutesAsSpans() {
    List<Finding> findings =
        new EndpointStatsDetector()
            .observe(
                stats(new EndpointStats("/orders/{id}", "get", 1000, 80, 20, 120, 2600, 6000)),
                DEFAULTS);

    assertThat(findings)
        .extracting(Finding::type)
        .containsExactly(
            BottleneckType.SLOW_ENDPOINT, BottleneckType.ERROR_RATE, BottleneckType.TIMEOUTS);
    assertThat(findings).extracting(Finding::location).containsOnly("GET /orders/{id}");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void endpointStatisticsWithImpossibleNumbersAreSkipped() {
    assertThat(
            new EndpointStatsDetector()
                .observe(
                    stats(new EndpointStats("/x", "GET", 10, 50, 0, 10, 9000, 9000)), DEFAULTS))
        .isEmpty();
  }
}
