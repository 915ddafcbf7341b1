package io.hotpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

  @Test
  void remembersWhatWasAdded() {
    RecentEventIds recent = new RecentEventIds(10);
    UUID id = UUID.randomUUID();

    assertThat(recent.contains(id)).isFalse();
    recent.add(id);

    assertThat(recent.contains(id)).isTrue();
    assertThat(recent.contains(UUID.randomUUID())).isFalse();
  }

  @Test
  void staysWithinItsCapacityDroppingTheOldest() {
    RecentEventIds recent = new RecentEventIds(3);
    UUID oldest = UUID.randomUUID();
    recent.add(oldest);
    for (int i = 0; i < 3; i++) {
      recent.add(UUID.randomUUID());
    }

    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.contains(oldest)).isFalse();
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

  @Test
  void addingAgainMakesAnIdRecent() {
    RecentEventIds recent = new RecentEventIds(2);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    recent.add(first);
    recent.add(second);
    recent.add(first);
    recent.add(UUID.randomUUID());

    assertThat(recent.contains(first)).isTrue();
    assertThat(recent.contains(second)).isFalse();
  }

  @Test
  void needsRoomForAtLeastOneId() {
    assertThatThrownBy(() -> new RecentEventIds(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
