package io.hotpath.tracker.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.EndpointStats;
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
}
