package io.hotpath.analyzer.detect.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.trace.Traces;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlowQueryDetectorTest {
  static final Thresholds DEFAULTS = (t, s, k, fallback) -> fallback;
  static final String SQL = "SELECT * FROM orders WHERE customer_id = %d";
  final SlowQueryDetector detector = new SlowQueryDetector();

  static List<Span> calls(double startMs, double... durations) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < durations.length; i++) {
      spans.add(
          Traces.span(
              Traces.id(),
              Traces.id(),
              "p",
              "SELECT orders",
              SpanKind.CLIENT,
              startMs + i * 1000,
              durations[i],
              Map.of(
                  "db.system.name", "postgresql",
                  "db.query.text", String.format(SQL, i),
                  "db.response.returned_rows", "40")));
    }
    return spans;
  }

  @Test
  void reportsAStatementWhoseMeanIsOverTheGoal() {
    List<Finding> findings =
        detector.observe(Traces.batch(calls(0, 150, 160, 170, 180, 190)), DEFAULTS);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    String normalized = "select * from orders where customer_id = ?";
    assertThat(finding.type()).isEqualTo(BottleneckType.SLOW_QUERY);
    assertThat(finding.location()).isEqualTo(SqlNormalizer.location(normalized));
    assertThat(finding.severity()).isEqualTo(Severity.LOW);
    assertThat(finding.evidence().description()).startsWith(normalized);
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.CALLS, 5.0)
        .containsEntry(EvidenceKeys.MEAN_MS, 170.0)
        .containsEntry(EvidenceKeys.P95_MS, 190.0)
        .containsEntry(EvidenceKeys.ROWS_PER_CALL, 40.0);
    assertThat(finding.evidence().spanIds()).hasSize(3);
    assertThat(finding.impact().value()).isEqualTo(850.0);
  }

  @Test
  void fewerThanFiveCallsAreNotJudged() {
    assertThat(detector.observe(Traces.batch(calls(0, 900, 900, 900, 900)), DEFAULTS)).isEmpty();
  }

  @Test
  void aFastMeanWithASlowTailIsReportedByItsP95() {
    double[] durations = new double[20];
    Arrays.fill(durations, 10);
    durations[19] = 2000;
    durations[18] = 2000;

    List<Finding> findings = detector.observe(Traces.batch(calls(0, durations)), DEFAULTS);

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).evidence().measurements())
        .containsEntry(EvidenceKeys.P95_MS, 2000.0)
        .containsEntry(EvidenceKeys.THRESHOLD_MS, 500.0);
    assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void aFastStatementIsNotReported() {
    assertThat(detector.observe(Traces.batch(calls(0, 20, 30, 40, 50, 60, 70)), DEFAULTS))
        .isEmpty();
  }

  @Test
  void callsAccumulateAcrossBatchesInsideTheWindowOnly() {
    assertThat(detector.observe(Traces.batch(calls(0, 300, 300, 300)), DEFAULTS)).isEmpty();
    assertThat(detector.observe(Traces.batch(calls(10_000, 300, 300)), DEFAULTS)).hasSize(1);

    // Ten minutes later the old calls left the five-minute window.
    assertThat(detector.observe(Traces.batch(calls(600_000, 300, 300)), DEFAULTS)).isEmpty();
  }

  @Test
  void aServiceForgottenForTheStateBudgetStartsItsWindowsAgain() {
    List<String> evicted = new ArrayList<>();
    StateBudget budget = new StateBudget(1, evicted::add);
    SlowQueryDetector bounded = new SlowQueryDetector(budget);

    assertThat(bounded.observe(Traces.batch("checkout", calls(0, 300, 300, 300)), DEFAULTS))
        .isEmpty();
    // A second service does not fit beside the first: the least recently active one goes.
    assertThat(bounded.observe(Traces.batch("cart", calls(0, 300)), DEFAULTS)).isEmpty();
    assertThat(evicted).containsExactly("slowQuery");
    StateBudget cartAlone = new StateBudget(Long.MAX_VALUE, detector -> {});
    new SlowQueryDetector(cartAlone).observe(Traces.batch("cart", calls(0, 300)), DEFAULTS);
    assertThat(budget.usedBytes()).isEqualTo(cartAlone.usedBytes());

    // Its three earlier calls were forgotten with it: two more are not five.
    assertThat(bounded.observe(Traces.batch("checkout", calls(10_000, 300, 300)), DEFAULTS))
        .isEmpty();
    // Unbounded, the same calls are judged together.
    detector.observe(Traces.batch("checkout", calls(0, 300, 300, 300)), DEFAULTS);
    assertThat(detector.observe(Traces.batch("checkout", calls(10_000, 300, 300)), DEFAULTS))
        .hasSize(1);
  }

  @Test
  void chargesWhatEachServicesWindowsHoldWhichFollowsTheirTimeNotTheirCalls() {
    StateBudget budget = new StateBudget(Long.MAX_VALUE, detector -> {});
    SlowQueryDetector bounded = new SlowQueryDetector(budget);
    double[] durations = new double[30];
    Arrays.fill(durations, 20);

    bounded.observe(Traces.batch(calls(0, durations)), DEFAULTS);
    long once = budget.usedBytes();
    assertThat(once).isPositive();

    // As many calls again, ended at the same times and as slow: counted, not kept one by one.
    bounded.observe(Traces.batch(calls(0, durations)), DEFAULTS);
    assertThat(budget.usedBytes()).isEqualTo(once);

    bounded.observe(Traces.batch("cart", calls(0, 20)), DEFAULTS);
    assertThat(budget.usedBytes()).isGreaterThan(once);
  }

  @Test
  void redisCommandsAreNotSlowQueries() {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      spans.add(
          Traces.span(
              "t",
              Traces.id(),
              "p",
              "GET",
              SpanKind.CLIENT,
              i,
              900,
              Map.of("db.system", "redis", "db.statement", "GET session:" + i)));
    }

    assertThat(detector.observe(Traces.batch(spans), DEFAULTS)).isEmpty();
  }

  static QueryStatsReported stats(QueryStats... rows) {
    return new QueryStatsReported(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        null,
        Traces.T0,
        Traces.T0.minusSeconds(300),
        Traces.T0,
        List.of(rows));
  }

  @Test
  void queryStatisticsGiveTheSameBottleneckAsSpansWithScanAndRows() {
    QueryStatsReported report =
        stats(
            new QueryStats(
                "select * from orders where customer_id = $1",
                "shop",
                40,
                8000,
                200,
                450.0,
                4000L,
                true));

    List<Finding> findings = new QueryStatsDetector().observe(report, DEFAULTS);

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.location())
        .isEqualTo(SqlNormalizer.location("select * from orders where customer_id = ?"));
    assertThat(finding.evidence().measurements())
        .containsEntry(EvidenceKeys.CALLS, 40.0)
        .containsEntry(EvidenceKeys.MEAN_MS, 200.0)
        .containsEntry(EvidenceKeys.P95_MS, 450.0)
        .containsEntry(EvidenceKeys.ROWS_PER_CALL, 100.0)
        .containsEntry(EvidenceKeys.SEQ_SCAN, 1.0);
    assertThat(finding.evidence().windowStart()).isEqualTo(report.windowStart());
    assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void queryStatisticsRowsOfOneStatementAreMergedBeforeJudging() {
    QueryStatsReported report =
        stats(
            new QueryStats("select 1 from t where id = 5", "a", 3, 600, 200, null, null, null),
            new QueryStats("SELECT 1 FROM t WHERE id = 6", "a", 3, 600, 200, null, null, null));

    assertThat(new QueryStatsDetector().observe(report, DEFAULTS))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence().measurements()).containsEntry("calls", 6.0));
  }

  @Test
  void queryStatisticsUnderTheGoalsGiveNothing() {
    assertThat(
            new QueryStatsDetector()
                .observe(
                    stats(new QueryStats("select 1", "a", 1000, 5000, 5, 20.0, null, false)),
                    DEFAULTS))
        .isEmpty();
  }
}
