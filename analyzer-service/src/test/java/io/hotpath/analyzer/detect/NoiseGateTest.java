package io.hotpath.analyzer.detect;

import static io.hotpath.analyzer.detect.StartupReports.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.Evidence;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StartType;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NoiseGateTest {
  final MutableClock clock = new MutableClock(T0);
  final Map<String, Double> configured = new HashMap<>();
  final Thresholds thresholds = (t, s, key, fallback) -> configured.getOrDefault(key, fallback);
  final NoiseGate gate =
      new NoiseGate(
          new NoiseGate.Settings(0.25, Duration.ofMinutes(10), Duration.ofMinutes(30), 1000),
          thresholds,
          clock);
  long occurrences;

  static SpansReceived spans() {
    return new SpansReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1",
        null,
        T0,
        List.of());
  }

  BottleneckDetected seen(
      HotpathEvent source, BottleneckType type, Severity severity, double impact) {
    occurrences++;
    return new BottleneckDetected(
        EventIds.derived(source.eventId(), "fp"),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1",
        null,
        source.eventTime(),
        "fp-" + type,
        type,
        severity,
        "query:abc",
        new Impact(impact, "ms", "x"),
        new Evidence("d", Map.of(), null, null, List.of(), List.of(), List.of(), List.of()),
        T0,
        T0,
        occurrences,
        BottleneckState.ACTIVE);
  }

  List<BottleneckDetected> observe(BottleneckType type, Severity severity, double impact) {
    SpansReceived source = spans();
    List<BottleneckDetected> admitted =
        gate.admit(source, List.of(seen(source, type, severity, impact)));
    gate.published(admitted);
    return admitted;
  }

  @Test
  void aWindowedFindingIsPublishedOnlyFromItsSecondSighting() {
    assertThat(observe(BottleneckType.SLOW_QUERY, Severity.HIGH, 300)).isEmpty();
    assertThat(observe(BottleneckType.SLOW_QUERY, Severity.HIGH, 300)).hasSize(1);
  }

  @Test
  void anNPlusOneIsPublishedOnItsFirstSighting() {
    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 60)).hasSize(1);
  }

  @Test
  void minSightingsFollowsTheTypeKeyBeforeTheGenericKey() {
    configured.put("noise.min-sightings", 1.0);
    configured.put("slow-query.min-sightings", 3.0);

    assertThat(observe(BottleneckType.SLOW_QUERY, Severity.HIGH, 300)).isEmpty();
    assertThat(observe(BottleneckType.SLOW_QUERY, Severity.HIGH, 300)).isEmpty();
    assertThat(observe(BottleneckType.SLOW_QUERY, Severity.HIGH, 300)).hasSize(1);
    assertThat(observe(BottleneckType.SLOW_ENDPOINT, Severity.HIGH, 300)).hasSize(1);
  }

  @Test
  void aSteadyProblemIsNotPublishedAgainInsideTheImpactBand() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);

    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 124)).isEmpty();
    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 76)).isEmpty();
  }

  @Test
  void anImpactOutsideTheBandIsPublishedAndBecomesTheNewReference() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);

    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 126)).hasSize(1);
    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 150)).isEmpty();
  }

  @Test
  void aChangeOfSeverityIsPublished() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);

    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.MEDIUM, 100)).hasSize(1);
  }

  @Test
  void aSteadyProblemIsRefreshedAfterTheRefreshPeriod() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);
    clock.advance(Duration.ofMinutes(9));
    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100)).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100)).hasSize(1);
  }

  /** Admits one observation of the N+1 without telling the gate what became of it. */
  List<BottleneckDetected> admit(Severity severity, double impact) {
    SpansReceived source = spans();
    return gate.admit(source, List.of(seen(source, BottleneckType.N_PLUS_ONE, severity, impact)));
  }

  @Test
  void whileAPublicationIsInFlightTheSameNewsIsNotAdmittedAgain() {
    assertThat(admit(Severity.LOW, 100)).hasSize(1);

    // Not acknowledged yet: a second event of the service says the same and is not published.
    assertThat(admit(Severity.LOW, 110)).isEmpty();
  }

  @Test
  void aDecisionWhoseSendFailedIsTakenAgain() {
    List<BottleneckDetected> first = admit(Severity.LOW, 100);

    gate.failed(first);

    assertThat(admit(Severity.LOW, 100)).hasSize(1);
  }

  @Test
  void aChangeWhileInFlightIsAdmittedAndJudgedAgainstWhatIsInFlight() {
    List<BottleneckDetected> low = admit(Severity.LOW, 100);
    List<BottleneckDetected> medium = admit(Severity.MEDIUM, 100);
    assertThat(medium).hasSize(1);

    // The first one's acknowledgement leaves the second in flight.
    gate.published(low);
    assertThat(admit(Severity.MEDIUM, 100)).isEmpty();

    // The second failed: judged against the published LOW, MEDIUM is news again.
    gate.failed(medium);
    assertThat(admit(Severity.MEDIUM, 100)).hasSize(1);
  }

  @Test
  void aPublishedBottleneckNotObservedForTheGonePeriodWhileItsServiceReportsIsGoneOnce() {
    BottleneckDetected published = observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100).get(0);
    clock.advance(Duration.ofMinutes(31));
    gate.admit(spans(), List.of());

    List<BottleneckDetected> gone = gate.gone();

    assertThat(gone).hasSize(1);
    BottleneckDetected event = gone.get(0);
    assertThat(event.state()).isEqualTo(BottleneckState.GONE);
    assertThat(event.fingerprint()).isEqualTo(published.fingerprint());
    assertThat(event.eventTime()).isEqualTo(T0.plus(Duration.ofMinutes(31)));
    assertThat(event.eventId()).isNotEqualTo(published.eventId());
    assertThat(event.evidence().description()).startsWith("not observed since " + T0);
    assertThat(gate.gone()).as("until acknowledged it is offered again").hasSize(1);

    gate.published(gone);
    assertThat(gate.gone()).isEmpty();
    assertThat(gate.size()).isZero();
  }

  @Test
  void isNotGoneBeforeTheGonePeriod() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);
    clock.advance(Duration.ofMinutes(29));
    gate.admit(spans(), List.of());

    assertThat(gate.gone()).isEmpty();
  }

  @Test
  void isNotGoneWhileItsServiceSendsNothingOfThatKind() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);
    clock.advance(Duration.ofMinutes(40));
    StartupReported otherKind =
        new StartupReported(
            UUID.randomUUID(),
            Events.SCHEMA_VERSION,
            "demo",
            "checkout",
            "prod",
            "1",
            null,
            T0,
            StartType.COLD,
            List.of(),
            null,
            null);
    gate.admit(otherKind, List.of());

    assertThat(gate.gone()).isEmpty();
  }

  @Test
  void goneWaitsForTheKindOfEventThatShowedItLast() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);
    StartupReported report = startup();
    gate.admit(report, List.of(seen(report, BottleneckType.N_PLUS_ONE, Severity.LOW, 100)));
    clock.advance(Duration.ofMinutes(31));
    gate.admit(spans(), List.of());

    assertThat(gate.gone()).isEmpty();

    gate.admit(startup(), List.of());
    assertThat(gate.gone()).hasSize(1);
  }

  static StartupReported startup() {
    return new StartupReported(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1",
        null,
        T0,
        StartType.COLD,
        List.of(),
        null,
        null);
  }

  @Test
  void aBottleneckThatWasNeverPublishedIsNeverGone() {
    observe(BottleneckType.SLOW_QUERY, Severity.HIGH, 300);
    clock.advance(Duration.ofHours(1));
    gate.admit(spans(), List.of());

    assertThat(gate.gone()).isEmpty();
  }

  @Test
  void aGoneBottleneckSeenAgainIsPublishedAsActiveAgain() {
    observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100);
    clock.advance(Duration.ofMinutes(31));
    gate.admit(spans(), List.of());
    gate.published(gate.gone());

    assertThat(observe(BottleneckType.N_PLUS_ONE, Severity.LOW, 100))
        .singleElement()
        .extracting(BottleneckDetected::state)
        .isEqualTo(BottleneckState.ACTIVE);
  }
}
