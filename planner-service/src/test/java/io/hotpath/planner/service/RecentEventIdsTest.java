package io.hotpath.planner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

  @Test
  void remembersWhatWasAdded() {
    RecentEventIds recent = new RecentEventIds(10);
    UUID id = UUID.randomUUID();

    recent.add(id);

    assertThat(recent.contains(id)).isTrue();
    assertThat(recent.contains(UUID.randomUUID())).isFalse();
  }

  @Test
  void forgetsTheOldestBeyondItsCapacity() {
    RecentEventIds recent = new RecentEventIds(2);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();

    recent.add(first);
    recent.add(second);
    recent.add(third);

    assertThat(recent.contains(first)).isFalse();
    assertThat(recent.contains(second)).isTrue();
    assertThat(recent.contains(third)).isTrue();
  }
}
