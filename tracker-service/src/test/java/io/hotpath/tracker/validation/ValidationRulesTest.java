package io.hotpath.tracker.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.telemetry.FunctionalityCheck;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.tracker.Telemetry;
import io.hotpath.tracker.baseline.BaselineFigures;
import io.hotpath.tracker.baseline.TelemetryTotals;
import java.util.Map;
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
  void namesWhatIsMissingForLocksAndCachesWithoutDataAndQueriesWithoutAStatement() {
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
            "lock wait of lock:com.shop.Cart.add: no wait in 0 lock profiles, 0 min profiled in"
                + " 1.0; no wait in 0 lock profiles, 0 min profiled in 1.1",
            "lock wait of lock:com.shop.Cart.add was not measured in 1.0 nor 1.1");
    assertThat(cache.verdict()).isEqualTo(ValidationRules.Verdict.INCONCLUSIVE);
    assertThat(cache.notes())
        .contains(
            "miss rate of cache:products: no counters of it in 0 metric batches in 1.0; no"
                + " counters of it in 0 metric batches in 1.1",
            "miss rate of cache:products was not measured in 1.0 nor 1.1");
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

  private static final Map<String, String> HIT = Map.of("cache", "products", "result", "hit");
  private static final Map<String, String> MISS = Map.of("cache", "products", "result", "miss");

  /** A version whose products cache served {@code hits} and {@code misses} (running totals). */
  private static BaselineFigures withCache(String v, double hits, double misses) {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(Telemetry.start("t", "s", v, StartType.COLD, 1000, 2000L, 300.0));
    t.add(
        Telemetry.metrics(
            "t",
            "s",
            v,
            "i-1",
            Telemetry.counter("cache.gets", HIT, 0, 0),
            Telemetry.counter("cache.gets", MISS, 0, 0),
            Telemetry.counter("cache.gets", HIT, 1, hits),
            Telemetry.counter("cache.gets", MISS, 1, misses)));
    return t.figures();
  }

  @Test
  void measuresACacheFixOnItsMissRateInPercentagePoints() {
    ValidationRules.Result r =
        ValidationRules.validate(
            "1.0",
            withCache("1.0", 700, 300),
            "1.1",
            withCache("1.1", 950, 50),
            ValidationRules.targetOf(
                BottleneckType.CACHE_MISS_RATE,
                "cache:products",
                new ValidationRules.Minimums(1000, 3)),
            LIMITS);

    assertThat(r.verdict()).isEqualTo(ValidationRules.Verdict.PASSED);
    assertThat(r.improvement())
        .isEqualTo(
            new ValidationRules.Improvement(
                "miss rate of cache:products", "%", 30.0, 5.0, 25.0, 83.333));
    assertThat(r.notes())
        .contains(
            "miss rate of cache:products: hit rate 70 % (700 hits, 300 misses of 1000 requests)"
                + " in 1.0; hit rate 95 % (950 hits, 50 misses of 1000 requests) in 1.1");
  }

  @Test
  void aCacheWithFewerRequestsThanTheMinimumHasNoMissRate() {
    ValidationRules.Target target =
        ValidationRules.targetOf(
            BottleneckType.CACHE_MISS_RATE, "cache:products", new ValidationRules.Minimums(100, 3));
    BaselineFigures few = withCache("1.1", 90, 9);

    assertThat(target.read().apply(few)).isNull();
    assertThat(target.lackingIn(few)).isEqualTo("99 of 100 cache requests");
    assertThat(target.lackingIn(withCache("1.1", 90, 10))).isNull();
    assertThat(target.read().apply(withCache("1.1", 90, 10))).isEqualTo(10.0);
  }

  /**
   * A version with {@code profiles} one-minute lock profiles, Cart.add waiting {@code ms} in each.
   */
  private static BaselineFigures withLockWait(String v, int profiles, long ms) {
    TelemetryTotals t = TelemetryTotals.empty();
    for (int minute = 0; minute < profiles; minute++) {
      t.add(
          Telemetry.profile(
              "t",
              "s",
              v,
              minute,
              ProfileType.LOCK,
              "ms",
              Telemetry.lockWait("com.shop.Cart.add", ms),
              Telemetry.lockWait("com.shop.Stock.reserve", 500)));
    }
    return t.figures();
  }

  @Test
  void measuresALockFixOnTheFunctionsWaitPerMinuteAndItsAbsenceAsNoWait() {
    ValidationRules.Target target =
        ValidationRules.targetOf(
            BottleneckType.LOCK_CONTENTION,
            "lock:com.shop.Cart.add",
            new ValidationRules.Minimums(100, 3));

    ValidationRules.Result better =
        ValidationRules.validate(
            "1.0",
            withLockWait("1.0", 3, 12_000),
            "1.1",
            withLockWait("1.1", 3, 3_000),
            target,
            LIMITS);
    ValidationRules.Result gone =
        ValidationRules.validate(
            "1.0",
            withLockWait("1.0", 3, 12_000),
            "1.1",
            withLockWait("1.1", 3, 0),
            target,
            LIMITS);

    assertThat(better.improvement())
        .isEqualTo(
            new ValidationRules.Improvement(
                "lock wait of lock:com.shop.Cart.add", "ms/min", 12_000, 3_000, 9_000, 75.0));
    assertThat(gone.verdict()).isEqualTo(ValidationRules.Verdict.PASSED);
    assertThat(gone.after()).isEqualTo(0.0);
    assertThat(target.lackingIn(withLockWait("1.1", 2, 3_000))).isEqualTo("2 of 3 lock profiles");
    assertThat(target.read().apply(withLockWait("1.1", 2, 3_000))).isNull();
  }

  @Test
  void aLocationThatNamesNoCacheOrFunctionIsUnmeasurable() {
    assertThat(ValidationRules.targetOf(BottleneckType.CACHE_MISS_RATE, "cache:").unmeasured())
        .isEqualTo("cache miss rate at cache: names no cache (cache:<name>)");
    assertThat(ValidationRules.targetOf(BottleneckType.LOCK_CONTENTION, "frame:x").unmeasured())
        .isEqualTo("lock contention at frame:x names no waiting function (lock:<function>)");
  }

  @Test
  void readsThePlannersHitRateTargetAgainstTheMeasuredMissRate() {
    assertThat(
            ValidationRules.planTargetNote(
                BottleneckType.CACHE_MISS_RATE,
                "cache.hit.rate[cache:products]",
                ">= 0.9",
                29.0,
                "%"))
        .isEqualTo(
            "the plan's target for cache.hit.rate[cache:products] is >= 0.9: 0.71 hit rate does"
                + " not meet it");
    assertThat(
            ValidationRules.planTargetNote(
                BottleneckType.CACHE_MISS_RATE,
                "cache.miss.percent[cache:products]",
                "<= 10",
                5.0,
                "%"))
        .isEqualTo(
            "the plan's target for cache.miss.percent[cache:products] is <= 10: 5 % meets it");
  }
}
