package io.hotpath.tracker.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GateRulesTest {
  private static final GateRules.Ratios DEFAULTS = new GateRules.Ratios(1.2, 1.2, 1.5);
  private static final Measurements BASELINE =
      new Measurements(
          "1.4.2",
          2000,
          500,
          Map.of("GET /orders", 100.0, "GET /cart", 50.0),
          List.of("known-fingerprint"));

  @Test
  void passesACandidateBelowEveryLimit() {
    Measurements candidate =
        new Measurements(
            "1.5.0",
            2300,
            550,
            Map.of("GET /orders", 140.0, "GET /cart", 50.0),
            List.of("known-fingerprint"));

    GateRules.Result result =
        GateRules.evaluate(BASELINE, candidate, DEFAULTS, Function.identity());

    assertThat(result.pass()).isTrue();
    assertThat(result.reasons()).isEmpty();
    assertThat(result.checks())
        .extracting(GateRules.Check::check)
        .containsExactly("startup", "memory", "endpoint GET /cart", "endpoint GET /orders");
    assertThat(result.checks().get(0).ratio()).isEqualTo(1.15);
  }

  @Test
  void failsWithTheNumbersOfEveryRegressionAndEachNewBottleneck() {
    Measurements candidate =
        new Measurements(
            "1.5.0",
            2400,
            650,
            Map.of("GET /orders", 160.0, "GET /cart", 74.9),
            List.of("known-fingerprint", "new-fingerprint"));

    GateRules.Result result =
        GateRules.evaluate(BASELINE, candidate, DEFAULTS, fp -> "BTLNK-042 (" + fp + ")");

    assertThat(result.pass()).isFalse();
    assertThat(result.reasons())
        .containsExactly(
            "startup 2400 ms is 1.2 x the baseline 2000 ms of 1.4.2; it must stay below 1.2 x"
                + " (2400 ms)",
            "memory 650 MB is 1.3 x the baseline 500 MB of 1.4.2; it must stay below 1.2 x"
                + " (600 MB)",
            "endpoint GET /orders p95 160 ms is 1.6 x the baseline 100 ms of 1.4.2; it must stay"
                + " below 1.5 x (150 ms)",
            "new bottleneck BTLNK-042 (new-fingerprint), not known at the baseline 1.4.2");
    assertThat(result.newBottlenecks()).containsExactly("new-fingerprint");
  }

  @Test
  void notesEndpointsItCouldNotCompare() {
    Measurements candidate =
        new Measurements("1.5.0", 2000, 500, Map.of("GET /orders", 100.0, "POST /pay", 80.0), null);

    GateRules.Result result =
        GateRules.evaluate(BASELINE, candidate, DEFAULTS, Function.identity());

    assertThat(result.pass()).isTrue();
    assertThat(result.notes())
        .containsExactly(
            "endpoint POST /pay has no baseline; not compared",
            "endpoint GET /cart was not measured in the candidate; not compared");
  }

  @Test
  void writesNumbersAsPeopleDo() {
    assertThat(GateRules.number(2520.0000001)).isEqualTo("2520");
    assertThat(GateRules.number(1.2375)).isEqualTo("1.24");
    assertThat(GateRules.number(0.5)).isEqualTo("0.5");
  }
}
