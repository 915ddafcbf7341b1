package io.hotpath.analyzer.detect.trace;

import static io.hotpath.analyzer.detect.trace.Traces.batch;
import static io.hotpath.analyzer.detect.trace.Traces.call;
import static io.hotpath.analyzer.detect.trace.Traces.id;
import static io.hotpath.analyzer.detect.trace.Traces.nPlusOne;
import static io.hotpath.analyzer.detect.trace.Traces.query;
import static io.hotpath.analyzer.detect.trace.Traces.server;
import static io.hotpath.analyzer.detect.trace.Traces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NPlusOneDetectorTest {
  static final String ITEMS = "select * from order_items where order_id = {n}";
  static final Thresholds DEFAULTS = (t, s, k, fallback) -> fallback;

  final NPlusOneDetector detector = new NPlusOneDetector();

  @Test
  void reportsNPlusOneWhenQueryRepeatsUnderOneParent() {
    SpansReceived batch = batch(nPlusOne("/orders", ITEMS, 6, 12));

    List<Finding> findings = detector.observe(batch, DEFAULTS);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    String normalized = "select * from order_items where order_id = ?";
    assertThat(finding.type()).isEqualTo(BottleneckType.N_PLUS_ONE);
    assertThat(finding.location())
        .isEqualTo("get /orders -> " + SqlNormalizer.location(normalized));
    assertThat(finding.impact().value()).isEqualTo(72.0);
    assertThat(finding.impact().unit()).isEqualTo("ms");
    assertThat(finding.severity()).isEqualTo(Severity.LOW);
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.REPEATS, 6.0)
        .containsEntry(EvidenceKeys.MEAN_MS, 12.0)
        .containsEntry(EvidenceKeys.TOTAL_MS, 72.0);
    assertThat(finding.evidence().description())
        .contains(normalized)
        .contains("GET /orders")
        .contains("after select id from orders where customer = ?");
    assertThat(finding.evidence().traceIds()).containsExactly(batch.spans().get(0).traceId());
    assertThat(finding.evidence().spanIds()).hasSize(6);
    assertThat(finding.evidence().sourceEventIds()).containsExactly(batch.eventId());
  }

  @Test
  void fourRepeatsAreBelowTheRepeatCount() {
    assertThat(detector.observe(batch(nPlusOne("/orders", ITEMS, 4, 40)), DEFAULTS)).isEmpty();
  }

  @Test
  void manyFastRepeatsBelowTheTotalDurationAreNotReported() {
    assertThat(detector.observe(batch(nPlusOne("/orders", ITEMS, 20, 2)), DEFAULTS)).isEmpty();
  }

  @Test
  void theThresholdsComeFromConfiguration() {
    Thresholds strict =
        (t, s, k, fallback) -> k.equals(NPlusOneDetector.MIN_REPEATS) ? 3 : fallback;

    assertThat(detector.observe(batch(nPlusOne("/orders", ITEMS, 4, 40)), strict)).hasSize(1);
  }

  @Test
  void severityGrowsWithTheTotalTime() {
    assertThat(detector.observe(batch(nPlusOne("/orders", ITEMS, 10, 60)), DEFAULTS))
        .extracting(Finding::severity)
        .containsExactly(Severity.CRITICAL);
    assertThat(detector.observe(batch(nPlusOne("/orders", ITEMS, 10, 12)), DEFAULTS))
        .extracting(Finding::severity)
        .containsExactly(Severity.MEDIUM);
  }

  @Test
  void theSameQueryUnderDifferentParentsIsNotRepeated() {
    String trace = "t1";
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String parent = id();
      spans.add(span(trace, parent, null, "handler", SpanKind.INTERNAL, i * 30, 30, Map.of()));
      spans.add(query(trace, parent, ITEMS.replace("{n}", "" + i), i * 30, 25));
    }

    assertThat(detector.observe(batch(spans), DEFAULTS)).isEmpty();
  }

  @Test
  void twoRequestsWithTheSameShapeShareTheLocation() {
    Finding one = detector.observe(batch(nPlusOne("/orders", ITEMS, 6, 12)), DEFAULTS).get(0);
    Finding two = detector.observe(batch(nPlusOne("/orders", ITEMS, 9, 30)), DEFAULTS).get(0);

    assertThat(two.location()).isEqualTo(one.location());
  }

  @Test
  void redisCommandsAreNotSql() {
    String trace = "t2";
    String root = id();
    List<Span> spans = new ArrayList<>();
    spans.add(server(trace, root, "/cart", 300));
    for (int i = 0; i < 10; i++) {
      spans.add(
          span(
              trace,
              id(),
              root,
              "GET",
              SpanKind.CLIENT,
              i * 20,
              20,
              Map.of("db.system", "redis", "db.statement", "GET cart:" + i)));
    }

    assertThat(detector.observe(batch(spans), DEFAULTS)).isEmpty();
  }

  @Test
  void reportsRepeatedHttpCallsToOneParameterizedUrl() {
    String trace = "t3";
    String root = id();
    List<Span> spans = new ArrayList<>();
    spans.add(server(trace, root, "/checkout", 500));
    for (int i = 0; i < 5; i++) {
      spans.add(call(trace, root, "http://Catalog:8080/api/products/" + (100 + i), i * 30, 30));
    }

    List<Finding> findings = detector.observe(batch(spans), DEFAULTS);

    assertThat(findings)
        .extracting(Finding::location)
        .containsExactly("get /checkout -> GET http://catalog:8080/api/products/{id}");
    assertThat(findings.get(0).impact().value()).isEqualTo(150.0);
  }

  @Test
  void childrenExportedBeforeTheirParentAreReportedWhenTheParentArrives() {
    List<Span> spans = nPlusOne("/orders", ITEMS, 6, 12);
    Span parent = spans.get(spans.size() - 1);

    assertThat(detector.observe(batch(spans.subList(0, spans.size() - 1)), DEFAULTS)).isEmpty();
    assertThat(detector.observe(batch(List.of(parent)), DEFAULTS))
        .extracting(Finding::location)
        .singleElement()
        .asString()
        .startsWith("get /orders -> query:");
  }

  @Test
  void childrenExportedAfterTheirParentAreReportedWithItsName() {
    List<Span> spans = nPlusOne("/orders", ITEMS, 6, 12);
    Span parent = spans.get(spans.size() - 1);

    assertThat(detector.observe(batch(List.of(parent)), DEFAULTS)).isEmpty();
    assertThat(detector.observe(batch(spans.subList(0, spans.size() - 1)), DEFAULTS))
        .extracting(Finding::location)
        .singleElement()
        .asString()
        .startsWith("get /orders -> query:");
  }

  @Test
  void aServiceForgottenForTheStateBudgetNoLongerNamesItsEarlierParents() {
    List<String> evicted = new ArrayList<>();
    NPlusOneDetector bounded = new NPlusOneDetector(new StateBudget(1, evicted::add));
    List<Span> spans = nPlusOne("/orders", ITEMS, 6, 12);
    Span parent = spans.get(spans.size() - 1);
    String otherTrace = UUID.randomUUID().toString().replace("-", "");

    bounded.observe(batch("checkout", List.of(parent)), DEFAULTS);
    // Another service does not fit beside checkout: the parent checkout remembered goes.
    bounded.observe(batch("cart", List.of(server(otherTrace, id(), "/cart", 5))), DEFAULTS);
    assertThat(evicted).containsExactly("nPlusOne");

    // Its late children wait for a parent that is not remembered; unbounded, they are named.
    assertThat(bounded.observe(batch("checkout", spans.subList(0, spans.size() - 1)), DEFAULTS))
        .isEmpty();
    detector.observe(batch("checkout", List.of(parent)), DEFAULTS);
    assertThat(detector.observe(batch("checkout", spans.subList(0, spans.size() - 1)), DEFAULTS))
        .hasSize(1);
  }

  @Test
  void chargesTheSpansAServiceRemembersAndTheChildrenWaitingForTheirParent() {
    StateBudget budget = new StateBudget(Long.MAX_VALUE, d -> {});
    NPlusOneDetector bounded = new NPlusOneDetector(budget);
    List<Span> spans = nPlusOne("/orders", ITEMS, 6, 12);
    Span parent = spans.get(spans.size() - 1);

    bounded.observe(batch(spans.subList(0, spans.size() - 1)), DEFAULTS);
    long waiting = budget.usedBytes();
    assertThat(waiting).isPositive();

    bounded.observe(batch(List.of(parent)), DEFAULTS);
    // The children left with their parent; the parent is remembered, which costs less.
    assertThat(budget.usedBytes()).isPositive().isLessThan(waiting);
  }

  @Test
  void aParentThatEndedMoreThanAMinuteBeforeTheServiceNewestSpanIsForgotten() {
    List<Span> spans = nPlusOne("/orders", ITEMS, 6, 12);
    Span parent = spans.get(spans.size() - 1);
    String otherTrace = UUID.randomUUID().toString().replace("-", "");

    detector.observe(batch(List.of(parent)), DEFAULTS);
    // Another request of the service ends 62 s after T0, more than a minute after the parent.
    detector.observe(batch(List.of(server(otherTrace, id(), "/health", 62_000))), DEFAULTS);

    assertThat(detector.observe(batch(spans.subList(0, spans.size() - 1)), DEFAULTS)).isEmpty();
  }
}
