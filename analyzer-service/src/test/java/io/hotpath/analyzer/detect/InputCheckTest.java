package io.hotpath.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.EndpointStats;
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.QueryStats;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupPhase;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reports' nonsense; spans, metrics and profiles are in {@code service/BadInputTest}. */
class InputCheckTest {
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  final InputCheck check = new InputCheck(Duration.ofHours(24));

  @Test
  void aNegativeTimeToReadyAndNotANumberMemoryAreDroppedAndThePhasesKept() {
    StartupReported startup =
        new StartupReported(
            UUID.randomUUID(),
            Events.SCHEMA_VERSION,
            "demo",
            "checkout",
            "prod",
            "1",
            "pod-1",
            T0,
            StartType.COLD,
            List.of(new StartupPhase("hibernate", 2500)),
            -40L,
            Double.NaN);

    InputCheck.Checked checked = check.check(startup);

    assertThat(checked.skipped())
        .isEqualTo(Map.of(InputCheck.NEGATIVE_VALUE, 1, InputCheck.NOT_FINITE, 1));
    StartupReported kept = (StartupReported) checked.event();
    assertThat(kept.timeToReadyMs()).isNull();
    assertThat(kept.startupMemoryMb()).isNull();
    assertThat(kept.phases()).isEqualTo(startup.phases());
  }

  @Test
  void queryStatsRowsWithNegativeOrNotANumberFiguresAreSkipped() {
    QueryStats good = new QueryStats("select 1", "db", 10, 3000, 300, 900.0, 10L, false);
    QueryStatsReported report =
        new QueryStatsReported(
            UUID.randomUUID(),
            Events.SCHEMA_VERSION,
            "demo",
            "checkout",
            "prod",
            "1",
            "pod-1",
            T0,
            T0.minusSeconds(60),
            T0,
            List.of(
                good,
                new QueryStats("select 2", "db", -1, 3000, 300, 900.0, 10L, false),
                new QueryStats("select 3", "db", 10, Double.NaN, 300, 900.0, 10L, false)));

    InputCheck.Checked checked = check.check(report);

    assertThat(checked.skipped())
        .isEqualTo(Map.of(InputCheck.NEGATIVE_VALUE, 1, InputCheck.NOT_FINITE, 1));
    assertThat(((QueryStatsReported) checked.event()).queries()).containsExactly(good);
  }

  @Test
  void endpointRowsWithMoreErrorsThanRequestsAreSkipped() {
    EndpointStats good = new EndpointStats("/orders", "GET", 100, 2, 0, 10, 50, 90);
    EndpointStatsReported report =
        new EndpointStatsReported(
            UUID.randomUUID(),
            Events.SCHEMA_VERSION,
            "demo",
            "checkout",
            "prod",
            "1",
            "pod-1",
            T0,
            T0.minusSeconds(60),
            T0,
            List.of(good, new EndpointStats("/items", "GET", 10, 50, 0, 10, 50, 90)));

    InputCheck.Checked checked = check.check(report);

    assertThat(checked.skipped()).isEqualTo(Map.of(InputCheck.INCONSISTENT_COUNTS, 1));
    assertThat(((EndpointStatsReported) checked.event()).endpoints()).containsExactly(good);
  }

  @Test
  void resourceSamplesWithAbsurdTimesOrValuesAreSkipped() {
    ResourceSample good = new ResourceSample(T0, 20.0, 300.0, 200.0, 500.0, 5, 10, 0);
    ResourcesSampled report =
        new ResourcesSampled(
            UUID.randomUUID(),
            Events.SCHEMA_VERSION,
            "demo",
            "checkout",
            "prod",
            "1",
            "pod-1",
            T0,
            List.of(
                good,
                new ResourceSample(Instant.EPOCH, 20.0, 300.0, 200.0, 500.0, 5, 10, 0),
                new ResourceSample(T0, 20.0, 300.0, Double.NaN, 500.0, 5, 10, 0),
                new ResourceSample(T0, 20.0, 300.0, 200.0, 500.0, -5, 10, 0)));

    InputCheck.Checked checked = check.check(report);

    assertThat(checked.skipped())
        .isEqualTo(
            Map.of(
                InputCheck.IMPLAUSIBLE_TIME, 1,
                InputCheck.NOT_FINITE, 1,
                InputCheck.NEGATIVE_VALUE, 1));
    assertThat(((ResourcesSampled) checked.event()).samples()).containsExactly(good);
  }

  @Test
  void aCleanEventIsPassedOnAsItIs() {
    ResourcesSampled report =
        new ResourcesSampled(
            UUID.randomUUID(),
            Events.SCHEMA_VERSION,
            "demo",
            "checkout",
            "prod",
            "1",
            "pod-1",
            T0,
            List.of(new ResourceSample(T0, 20.0, null, null, null, null, null, null)));

    InputCheck.Checked checked = check.check(report);

    assertThat(checked.clean()).isTrue();
    assertThat(checked.event()).isSameAs(report);
  }
}
