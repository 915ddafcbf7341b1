package io.hotpath.tracker.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckState;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.tracker.Events;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrackedBottleneckTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void startsNotStartedWithItsHumanId() {
    BottleneckDetected event = Events.slowStartup("acme", "checkout", 2300);

    TrackedBottleneck tracked = TrackedBottleneck.detected(event, 7, NOW);

    assertThat(tracked.humanId()).isEqualTo("BTLNK-007");
    assertThat(tracked.status()).isEqualTo(BottleneckStatus.NOT_STARTED);
    assertThat(tracked.severity()).isEqualTo(Severity.HIGH);
    assertThat(tracked.impactValue()).isEqualTo(1300.0);
    assertThat(tracked.occurrences()).isEqualTo(1);
  }

  @Test
  void takesTheNewerObservationAndCountsIt() {
    BottleneckDetected first = Events.slowStartup("acme", "checkout", 2300);
    TrackedBottleneck tracked = TrackedBottleneck.detected(first, 1, NOW);
    BottleneckDetected later =
        Events.slowStartup(
            "acme", "checkout", 3500, Severity.CRITICAL, 1, first.lastSeen().plusSeconds(60));

    tracked.observedAgain(later, NOW.plusSeconds(60));

    assertThat(tracked.occurrences()).isEqualTo(2);
    assertThat(tracked.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(tracked.impactValue()).isEqualTo(2500.0);
    assertThat(tracked.lastSeen()).isEqualTo(later.lastSeen());
    assertThat(tracked.firstSeen()).isEqualTo(first.firstSeen());
    assertThat(tracked.status()).isEqualTo(BottleneckStatus.NOT_STARTED);
  }

  @Test
  void takesTheAnalyzersCountWhenItIsAhead() {
    BottleneckDetected first = Events.slowStartup("acme", "checkout", 2300);
    TrackedBottleneck tracked = TrackedBottleneck.detected(first, 1, NOW);

    tracked.observedAgain(
        Events.slowStartup("acme", "checkout", 2300, Severity.HIGH, 12, first.lastSeen()), NOW);

    assertThat(tracked.occurrences()).isEqualTo(12);
  }

  @Test
  void keepsTheNewerStateWhenAnOlderObservationArrivesLate() {
    BottleneckDetected newer =
        Events.slowStartup(
            "acme", "checkout", 3500, Severity.CRITICAL, 1, Events.T.plusSeconds(600));
    TrackedBottleneck tracked = TrackedBottleneck.detected(newer, 1, NOW);

    tracked.observedAgain(Events.slowStartup("acme", "checkout", 2300), NOW);

    assertThat(tracked.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(tracked.lastSeen()).isEqualTo(Events.T.plusSeconds(600));
    assertThat(tracked.analyzerState()).isEqualTo(BottleneckState.ACTIVE);
    assertThat(tracked.occurrences()).isEqualTo(2);
  }
}
