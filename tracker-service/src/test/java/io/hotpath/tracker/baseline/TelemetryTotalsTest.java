package io.hotpath.tracker.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.Histogram;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.StackSample;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.tracker.Telemetry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTotalsTest {

  @Test
  void leavesOutEndpointStatsWhoseCountsDoNotAddUp() {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(
        Telemetry.window(
            "t",
            "s",
            "1",
            0,
            Telemetry.route("GET", "/a", 10, 0, 5, 20, 30),
            new EndpointStats("/a", "GET", 5, 9, 0, 1, 1, 1)));

    BaselineFigures f = t.figures();

    assertThat(f.endpoints().get("GET /a").requests()).isEqualTo(10);
    assertThat(f.endpoints().get("GET /a").p95Ms()).isEqualTo(20.0);
  }

  @Test
  void survivesTheRoundTripThroughJson() {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(Telemetry.start("t", "s", "1", StartType.COLD, 1000, 2000L, 100.0));
    t.add(Telemetry.resources("t", "s", "1", Telemetry.sample(0, 10, 100, 50, 200, 2)));

    TelemetryTotals back = TelemetryTotals.fromJson(t.toJson());

    assertThat(back.figures()).isEqualTo(t.figures());
  }

  @Test
  void measuresStatementsUnderTheAnalyzersNameForThem() {
    TelemetryTotals t = TelemetryTotals.empty();
    // Two spellings of one statement in one window, plus a row without calls that is left out.
    t.add(
        Telemetry.queries(
            "t",
            "s",
            "1",
            0,
            Telemetry.query("SELECT * FROM invoices WHERE customer_id = 42", 100, 42_000, 900.0),
            Telemetry.query("select * from invoices where customer_id = $1", 50, 24_000, null),
            new QueryStats("select 1", null, 0, 0, 0, null, null, null)));
    t.add(
        Telemetry.queries(
            "t",
            "s",
            "1",
            1,
            Telemetry.query("select * from invoices where customer_id = 7", 150, 60_000, 700.0)));

    BaselineFigures f = t.figures();

    // printf %s 'select * from invoices where customer_id = ?' | sha256sum -> 6664f06c266b...
    assertThat(f.queries()).containsOnlyKeys("query:6664f06c266b");
    BaselineFigures.QueryFigures q = f.queries().get("query:6664f06c266b");
    assertThat(q.statement()).isEqualTo("select * from invoices where customer_id = ?");
    assertThat(q.windows()).isEqualTo(2);
    assertThat(q.calls()).isEqualTo(300);
    assertThat(q.totalMs()).isEqualTo(126_000.0);
    assertThat(q.meanMs()).isEqualTo(420.0);
    // Window 1: the larger p95 of its rows (900) for its 150 calls; window 2: 700 for 150.
    assertThat(q.p95Ms()).isEqualTo(800.0);
    assertThat(f.queryWindows()).isEqualTo(2);
    assertThat(TelemetryTotals.fromJson(t.toJson()).figures()).isEqualTo(f);
  }

  @Test
  void keepsAtMostTheStatementLimitPerVersionAndCountsTheRest() {
    TelemetryTotals t = TelemetryTotals.empty();
    QueryStats[] rows = new QueryStats[TelemetryTotals.MAX_STATEMENTS + 3];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Telemetry.query("select * from table_" + i, 1, 5, null);
    }
    t.add(Telemetry.queries("t", "s", "1", 0, rows));

    BaselineFigures f = t.figures();

    assertThat(f.queries()).hasSize(TelemetryTotals.MAX_STATEMENTS);
    assertThat(f.statementsLeftOut()).isEqualTo(3);
  }

  private static final Map<String, String> HIT = Map.of("cache", "products", "result", "hit");
  private static final Map<String, String> MISS = Map.of("cache", "products", "result", "miss");

  @Test
  void readsCumulativeCacheCountersByTheirIncreasesAcrossARestart() {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(
        Telemetry.metrics(
            "t",
            "s",
            "1",
            "i-1",
            Telemetry.counter("cache.gets", HIT, 0, 1000),
            Telemetry.counter("cache.gets", MISS, 0, 500),
            Telemetry.counter("cache.gets", HIT, 1, 1400),
            Telemetry.counter("cache.gets", MISS, 1, 600)));
    // The process restarted: the running totals start again from zero.
    t.add(
        Telemetry.metrics(
            "t",
            "s",
            "1",
            "i-1",
            Telemetry.counter("cache.gets", HIT, 3, 700),
            Telemetry.counter("cache.gets", MISS, 3, 150),
            Telemetry.counter("cache.gets", HIT, 2, 300),
            Telemetry.counter("cache.gets", MISS, 2, 50)));

    BaselineFigures.CacheFigures c = t.figures().caches().get("cache:products");

    // hits 400 + 300 (the new total after the reset) + 400; misses 100 + 50 + 100.
    assertThat(c.hits()).isEqualTo(1100.0);
    assertThat(c.misses()).isEqualTo(250.0);
    assertThat(c.requests()).isEqualTo(1350.0);
    assertThat(c.hitRate()).isEqualTo(0.8148);
    assertThat(c.missRatePercent()).isEqualTo(18.519);
    assertThat(c.series()).isEqualTo(2);
    assertThat(t.figures().metricBatches()).isEqualTo(2);
  }

  @Test
  void readsDeltaCacheCountersAsTheyAreAndKeepsInstancesApart() {
    TelemetryTotals t = TelemetryTotals.empty();
    double[] hits = {50, 30, 60, 20};
    double[] misses = {10, 5, 8, 2};
    for (int minute = 0; minute < 4; minute++) {
      t.add(
          Telemetry.metrics(
              "t",
              "s",
              "1",
              "i-1",
              Telemetry.counter("cache_hits_total", Map.of("cache", "users"), minute, hits[minute]),
              Telemetry.counter(
                  "cache_misses_total", Map.of("cache", "users"), minute, misses[minute])));
    }
    // A second instance's running total of the same cache: 100 more hits.
    t.add(
        Telemetry.metrics(
            "t",
            "s",
            "1",
            "i-2",
            Telemetry.counter("cache.hits", Map.of("cache", "users"), 0, 900),
            Telemetry.counter("cache.hits", Map.of("cache", "users"), 1, 1000)));

    BaselineFigures.CacheFigures c = t.figures().caches().get("cache:users");

    assertThat(c.hits()).isEqualTo(260.0);
    assertThat(c.misses()).isEqualTo(25.0);
    assertThat(c.series()).isEqualTo(3);
  }

  @Test
  void countsAPointAtATimeItsSeriesAlreadyHadOnce() {
    TelemetryTotals t = TelemetryTotals.empty();
    var batch =
        Telemetry.metrics(
            "t",
            "s",
            "1",
            "i-1",
            Telemetry.counter("cache.gets", HIT, 0, 0),
            Telemetry.counter("cache.gets", MISS, 0, 0),
            Telemetry.counter("cache.gets", HIT, 1, 70),
            Telemetry.counter("cache.gets", MISS, 1, 30));
    t.add(batch);
    t.add(Telemetry.metrics("t", "s", "1", "i-1", batch.points().toArray(new MetricPoint[0])));

    assertThat(t.figures().caches().get("cache:products").requests()).isEqualTo(100.0);
  }

  @Test
  void skipsMetricBatchesWithoutACacheCounter() {
    TelemetryTotals t = TelemetryTotals.empty();
    var batch =
        Telemetry.metrics(
            "t",
            "s",
            "1",
            "i-1",
            Telemetry.counter("http.server.requests", Map.of("result", "hit"), 0, 5),
            new MetricPoint(
                "cache.gets",
                MetricKind.HISTOGRAM,
                "1",
                HIT,
                Telemetry.T,
                null,
                new Histogram(1, 1.0, List.of(), List.of())));

    assertThat(TelemetryTotals.hasCacheCounters(batch)).isFalse();
    assertThat(t.add(batch)).isFalse();
    assertThat(t.figures().caches()).isEmpty();
    assertThat(t.figures().metricBatches()).isZero();
  }

  @Test
  void chargesLockWaitToTheWaitingFunctionPerMinuteOfLockProfiling() {
    TelemetryTotals t = TelemetryTotals.empty();
    StackSample idle =
        new StackSample(
            List.of(
                "java.lang.Thread.run",
                "java.util.concurrent.ThreadPoolExecutor.getTask",
                "java.util.concurrent.locks.LockSupport.park"),
            50_000_000_000L);
    t.add(
        Telemetry.profile(
            "t",
            "s",
            "1",
            0,
            ProfileType.LOCK,
            "nanoseconds",
            Telemetry.lockWait("com.shop.Cart.add:118", 9_000_000_000L),
            Telemetry.lockWait("com.shop.Cart.add:120", 3_000_000_000L),
            Telemetry.lockWait("com.shop.Stock.reserve", 4_000_000_000L),
            idle));
    t.add(
        Telemetry.profile(
            "t",
            "s",
            "1",
            1,
            ProfileType.LOCK,
            "nanoseconds",
            Telemetry.lockWait("com.shop.Cart.add", 12_000_000_000L)));

    BaselineFigures f = t.figures();

    assertThat(f.lockTotals()).isEqualTo(new BaselineFigures.LockTotals(2, 2.0, 28_000.0, 0));
    assertThat(f.locks().get("lock:com.shop.Cart.add"))
        .isEqualTo(new BaselineFigures.LockFigures(2, 24_000.0, 12_000.0, 0.857));
    assertThat(f.locks().get("lock:com.shop.Stock.reserve").waitMsPerMinute()).isEqualTo(2000.0);
    assertThat(f.locks()).hasSize(2);
  }

  @Test
  void skipsProfilesOfOtherTypesAndLockProfilesThatCountNoTime() {
    TelemetryTotals t = TelemetryTotals.empty();
    var cpu =
        Telemetry.profile(
            "t", "s", "1", 0, ProfileType.CPU, "nanoseconds", Telemetry.lockWait("a.B.c", 5));
    var counted =
        Telemetry.profile(
            "t", "s", "1", 0, ProfileType.LOCK, "count", Telemetry.lockWait("a.B.c", 5));

    assertThat(t.add(cpu)).isFalse();
    assertThat(t.add(counted)).isFalse();
    assertThat(t.figures().locks()).isEmpty();
    assertThat(t.figures().lockTotals().profiles()).isZero();
  }

  @Test
  void keepsAtMostTheCacheSeriesAndLockFrameLimitsAndCountsTheRest() {
    TelemetryTotals t = TelemetryTotals.empty();
    MetricPoint[] points = new MetricPoint[TelemetryTotals.MAX_CACHE_SERIES + 2];
    for (int i = 0; i < points.length; i++) {
      points[i] = Telemetry.counter("cache.hits", Map.of("cache", "c" + i), 0, 1);
    }
    t.add(Telemetry.metrics("t", "s", "1", "i-1", points));
    StackSample[] stacks = new StackSample[TelemetryTotals.MAX_LOCK_FRAMES + 3];
    for (int i = 0; i < stacks.length; i++) {
      stacks[i] = Telemetry.lockWait("com.shop.F.m" + i, 1_000_000);
    }
    t.add(Telemetry.profile("t", "s", "1", 0, ProfileType.LOCK, "ns", stacks));

    BaselineFigures f = t.figures();

    assertThat(f.caches()).hasSize(TelemetryTotals.MAX_CACHE_SERIES);
    assertThat(f.cacheSeriesLeftOut()).isEqualTo(2);
    assertThat(f.locks()).hasSize(TelemetryTotals.MAX_LOCK_FRAMES);
    assertThat(f.lockTotals().framesLeftOut()).isEqualTo(3);
  }

  @Test
  void keepsCacheAndLockFiguresThroughTheRoundTripThroughJson() {
    TelemetryTotals t = TelemetryTotals.empty();
    t.add(
        Telemetry.metrics(
            "t",
            "s",
            "1",
            "i-1",
            Telemetry.counter("cache.gets", HIT, 0, 10),
            Telemetry.counter("cache.gets", HIT, 1, 80),
            Telemetry.counter("cache.gets", MISS, 0, 10),
            Telemetry.counter("cache.gets", MISS, 1, 40)));
    t.add(
        Telemetry.profile(
            "t", "s", "1", 0, ProfileType.LOCK, "ms", Telemetry.lockWait("a.B.c", 1500)));

    TelemetryTotals back = TelemetryTotals.fromJson(t.toJson());
    back.add(
        Telemetry.metrics(
            "t",
            "s",
            "1",
            "i-1",
            Telemetry.counter("cache.gets", HIT, 2, 90),
            Telemetry.counter("cache.gets", MISS, 2, 40)));

    assertThat(back.figures().caches().get("cache:products").requests()).isEqualTo(110.0);
    assertThat(back.figures().locks()).isEqualTo(t.figures().locks());
  }
}
