package io.hotpath.tracker.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.tracker.Telemetry;
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
}
