package io.hotpath.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SightingsTest {
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void keepsTheEarliestAndLatestEventTimeWhateverTheOrderOfArrival() {
    Sightings sightings = new Sightings(10);
    sightings.record("fp", UUID.randomUUID(), T0.plusSeconds(60));
    sightings.record("fp", UUID.randomUUID(), T0);
    Sightings.Sighting last = sightings.record("fp", UUID.randomUUID(), T0.plusSeconds(30));

    assertThat(last.firstSeen()).isEqualTo(T0);
    assertThat(last.lastSeen()).isEqualTo(T0.plusSeconds(60));
    assertThat(last.occurrences()).isEqualTo(3);
  }

  @Test
  void forgetsTheLeastRecentlySeenFingerprintWhenFull() {
    Sightings sightings = new Sightings(2);
    sightings.record("a", UUID.randomUUID(), T0);
    sightings.record("b", UUID.randomUUID(), T0);
    sightings.record("a", UUID.randomUUID(), T0);
    sightings.record("c", UUID.randomUUID(), T0);

    assertThat(sightings.size()).isEqualTo(2);
    assertThat(sightings.record("a", UUID.randomUUID(), T0).occurrences()).isEqualTo(3);
    assertThat(sightings.record("b", UUID.randomUUID(), T0).occurrences()).isEqualTo(1);
  }

  @Test
  void aRedeliveredReportIsNotCountedAgainEvenAfterOthers() {
    Sightings sightings = new Sightings(10);
    UUID report = UUID.randomUUID();
    sightings.record("fp", report, T0);
    sightings.record("fp", UUID.randomUUID(), T0);

    assertThat(sightings.record("fp", report, T0).occurrences()).isEqualTo(2);
  }
}
