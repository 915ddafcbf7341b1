package io.hotpath.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeenEventIdsTest {

  @Test
  void remembersWhatWasAdded() {
    SeenEventIds seen = new SeenEventIds(10);
    UUID id = UUID.randomUUID();

    assertThat(seen.contains(id)).isFalse();
    seen.add(id);
    assertThat(seen.contains(id)).isTrue();
  }

  @Test
  void staysWithinItsCapacityDroppingTheOldest() {
    SeenEventIds seen = new SeenEventIds(3);
    UUID oldest = UUID.randomUUID();
    seen.add(oldest);
    for (int i = 0; i < 3; i++) {
      seen.add(UUID.randomUUID());
    }

    assertThat(seen.size()).isEqualTo(3);
    assertThat(seen.contains(oldest)).isFalse();
  }
}
