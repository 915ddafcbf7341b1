package io.hotpath.tracker.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.baseline.BaselineFigures;
import io.hotpath.tracker.baseline.TelemetryTotals;
import org.junit.jupiter.api.Test;

class ValidationRulesTest {
  private static final ValidationRules.Limits LIMITS =
      new ValidationRules.Limits(1.2, 1.5, 1.5, 0.01, 5);
  private static final ValidationRules.Target PHASE =
      ValidationRules.targetOf(BottleneckType.SLOW_STARTUP, "startup-phase:hibernate-bootstrap");

  private static BaselineFigures version(
      String v, long phaseMs, long readyMs, long errors, boolean checkPasses) {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(Telemetry.start("t", "s", v, StartType.COLD, phaseMs, readyMs, 300.0));
    t.add(
        Telemetry.window(
            "t", "s", v, 0, Telemetry.route("GET", "/orders/{id}", 100, errors, 40, 100, 200)));
    t.add(Telemetry.checks("t", "s", v, new FunctionalityCheck("checkout", checkPasses, "boom")));
    return t.figures();
  }

  @Test
  void passesAtExactlyTheStartupLimitWhenThePhaseImproved() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            version("1.0", 2000, 1000, 0, true),
            "1.1",
            version("1.1", 1000, 1200, 0, true),
            PHASE,
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.PASSED);
    assertThat(r.checks().get(0).ratio()).isEqualTo(1.2);
    assertThat(r.improvement().percent()).isEqualTo(50.0);
    assertThat(r.improvement().delta()).isEqualTo(1000.0);
  }

  @Test
  void failsOnANewlyFailingCheckAndARisingErrorRate() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            version("1.0", 2000, 1000, 1, true),
            "1.1",
            version("1.1", 1000, 1000, 3, false),
            PHASE,
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.FAILED);
    assertThat(r.reasons())
        .containsExactly(
            "endpoint GET /orders/{id} is newly failing: error rate 3 % (3 of 100 requests), 1 %"
                + " in 1.0; at most 1 % more is allowed",
            "functional check checkout is newly failing in 1.1 (boom); it passed in 1.0");
  }

  private static BaselineFigures withOrdersP95(String v, long p95Ms) {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(Telemetry.start("t", "s", v, StartType.COLD, 900, 1000L, 300.0));
    t.add(
        Telemetry.window(
            "t", "s", v, 0, Telemetry.route("GET", "/orders/{id}", 100, 0L, 40, p95Ms, 400)));
    return t.figures();
  }

  @Test
  void validatesAnNPlusOneFixOnTheP95OfTheEndpointThatMadeTheCalls() {
    ValidationRules.Target target =
        ValidationRules.targetOf(
            BottleneckType.N_PLUS_ONE, "get /orders/{id} -> query:6855d1088e82");

    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0", withOrdersP95("1.0", 180), "1.1", withOrdersP95("1.1", 60), target, LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.PASSED);
    assertThat(r.metric()).startsWith("p95 of get /orders/{id}");
    assertThat(r.before()).isEqualTo(180.0);
    assertThat(r.after()).isEqualTo(60.0);
    assertThat(r.improvement().delta()).isEqualTo(120.0);
  }

  @Test
  void isInconclusiveWhenNoReportMeasuresTheBottleneck() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            version("1.0", 2000, 1000, 0, true),
            "1.1",
            version("1.1", 1000, 1000, 0, true),
            ValidationRules.targetOf(BottleneckType.N_PLUS_ONE, "orderservice.load -> select"),
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.INCONCLUSIVE);
    assertThat(r.improvement()).isNull();
  }

  @Test
  void checksThePlansNumericTargetAndLeavesTheRestUnchecked() {
    assertThat(ValidationRules.planTargetNote("m", "<= 1000", 1000.0, "ms"))
        .isEqualTo("the plan's target for m is <= 1000: 1000 ms meets it");
    assertThat(ValidationRules.planTargetNote("m", ">= 0.9", 0.85, "ratio"))
        .isEqualTo("the plan's target for m is >= 0.9: 0.85 ratio does not meet it");
    assertThat(ValidationRules.planTargetNote("m", "half of 1300 ms", 10.0, "ms"))
        .isEqualTo("the plan's target for m is 'half of 1300 ms'; not checked");
    assertThat(ValidationRules.planTargetNote("m", "<= 1", null, "ms")).isNull();
  }

  private static final String INVOICES = "query:6664f06c266b";

  /** A version whose invoice lookup took {@code totalMs} over 300 calls in two windows. */
  private static BaselineFigures withInvoiceQuery(String v, double totalMs, Double p95Ms) {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(Telemetry.start("t", "s", v, StartType.COLD, 900, 1000L, 300.0));
    t.add(
        Telemetry.window(
            "t", "s", v, 0, Telemetry.route("GET", "/invoices", 100, 0L, 40, 100, 200)));
    t.add(
        Telemetry.queries(
            "t",
            "s",
            v,
            0,
            Telemetry.query(
                "select * from invoices where customer_id = $1", 100, totalMs / 3, p95Ms)));
    t.add(
        Telemetry.queries(
            "t",
            "s",
            v,
            1,
            Telemetry.query(
                "SELECT * FROM invoices WHERE customer_id = 42", 200, totalMs * 2 / 3, p95Ms)));
    return t.figures();
  }

  @Test
  void validatesASlowQueryFixOnTheStatementsMeanTime() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            withInvoiceQuery("1.0", 126_000, 900.0),
            "1.1",
            withInvoiceQuery("1.1", 33_000, 300.0),
            ValidationRules.targetOf(BottleneckType.SLOW_QUERY, INVOICES),
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.PASSED);
    assertThat(r.metric()).isEqualTo("mean time of " + INVOICES);
    assertThat(r.before()).isEqualTo(420.0);
    assertThat(r.after()).isEqualTo(110.0);
    assertThat(r.improvement().delta()).isEqualTo(310.0);
    assertThat(r.improvement().percent()).isEqualTo(73.81);
    assertThat(r.notes())
        .contains(
            "mean time of "
                + INVOICES
                + ": mean 420 ms, p95 900 ms over 300 calls in 2 windows in 1.0;"
                + " mean 110 ms, p95 300 ms over 300 calls in 2 windows in 1.1");
  }

  @Test
  void failsASlowQueryFixWhoseQueryGotSlower() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            withInvoiceQuery("1.0", 126_000, null),
            "1.1",
            withInvoiceQuery("1.1", 180_000, null),
            ValidationRules.targetOf(BottleneckType.SLOW_QUERY, INVOICES),
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.FAILED);
    assertThat(r.reasons())
        .containsExactly(
            "mean time of "
                + INVOICES
                + " did not improve measurably: 600 ms in 1.1, 420 ms in 1.0 (42.857 %);"
                + " at least 5 % lower is needed");
  }

  @Test
  void isInconclusiveForAStatementThatIsNotInTheQueryStatistics() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            withInvoiceQuery("1.0", 126_000, null),
            "1.1",
            withInvoiceQuery("1.1", 33_000, null),
            ValidationRules.targetOf(BottleneckType.SLOW_QUERY, "query:0123456789ab"),
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.INCONCLUSIVE);
    assertThat(r.notes())
        .contains(
            "mean time of query:0123456789ab: not seen in 2 query-statistics windows in 1.0;"
                + " not seen in 2 query-statistics windows in 1.1",
            "mean time of query:0123456789ab was not measured in 1.0 nor 1.1");
  }

  @Test
  void namesWhatIsMissingForLocksCachesAndQueriesWithoutAStatement() {
    BaselineFigures before = withInvoiceQuery("1.0", 126_000, null);
    BaselineFigures after = withInvoiceQuery("1.1", 33_000, null);

    ValidationRules.Result lock =
        ValidationRules.validate(
            "1.0",
            before,
            "1.1",
            after,
            ValidationRules.targetOf(BottleneckType.LOCK_CONTENTION, "lock:com.shop.Cart.add"),
            LIMITS);
    ValidationRules.Result cache =
        ValidationRules.validate(
            "1.0",
            before,
            "1.1",
            after,
            ValidationRules.targetOf(BottleneckType.CACHE_MISS_RATE, "cache:products"),
            LIMITS);
    ValidationRules.Result query =
        ValidationRules.validate(
            "1.0",
            before,
            "1.1",
            after,
            ValidationRules.targetOf(BottleneckType.SLOW_QUERY, "select * from invoices"),
            LIMITS);

    assertThat(lock.verdict()).isEqualTo(ValidationRules.Verdict.INCONCLUSIVE);
    assertThat(lock.notes())
        .contains(
            "lock wait is measured only by lock profiles on hotpath.telemetry.profiles.v1; no"
                + " telemetry report (hotpath.telemetry.reports.v1) carries lock wait time, so"
                + " lock:com.shop.Cart.add cannot be compared between versions");
    assertThat(cache.verdict()).isEqualTo(ValidationRules.Verdict.INCONCLUSIVE);
    assertThat(cache.notes())
        .contains(
            "cache hits and misses arrive only as metrics on hotpath.telemetry.metrics.v1; no"
                + " telemetry report (hotpath.telemetry.reports.v1) carries a cache hit rate, so"
                + " cache:products cannot be compared between versions");
    assertThat(query.verdict()).isEqualTo(ValidationRules.Verdict.INCONCLUSIVE);
    assertThat(query.notes().get(query.notes().size() - 1))
        .startsWith("slow query at select * from invoices names no statement");
  }

  @Test
  void failsAnUnmeasurableFixThatBrokeARule() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            withOrdersP95("1.0", 100),
            "1.1",
            withOrdersP95("1.1", 200),
            ValidationRules.targetOf(BottleneckType.CACHE_MISS_RATE, "cache:products"),
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.FAILED);
    assertThat(r.reasons())
        .containsExactly(
            "endpoint GET /orders/{id} p95 200 ms is 2 x the baseline 100 ms of 1.0; at most"
                + " 1.5 x (150 ms) is allowed");
  }
}
