package io.hotpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  void aLargeWindowStaysWithinItsCapacityAndKeepsTheLatestIds() {
    RecentEventIds recent = new RecentEventIds(RecentEventIds.STRIPED_FROM);
    List<UUID> added = new ArrayList<>();
    for (int i = 0; i < 3 * RecentEventIds.STRIPED_FROM; i++) {
      UUID id = UUID.randomUUID();
      added.add(id);
      recent.add(id);
    }

    assertThat(recent.size()).isLessThanOrEqualTo(RecentEventIds.STRIPED_FROM);
    // Each stripe keeps its last 1,024: the latest 200 ids (about 12 a stripe) are all there,
    // the first 200 none.
    assertThat(added.subList(added.size() - 200, added.size())).allMatch(recent::contains);
    assertThat(added.subList(0, 200)).noneMatch(recent::contains);
  }

  @Test
  void threadsAddingAtOnceLoseNoId() throws Exception {
    RecentEventIds recent = new RecentEventIds(100_000);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      ids.add(UUID.randomUUID());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<UUID> part = ids.subList(t * 10_000, (t + 1) * 10_000);
        done.add(pool.submit(() -> part.forEach(recent::add)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(recent.size()).isEqualTo(40_000);
    assertThat(ids).allMatch(recent::contains);
  }

  @Test
  void needsRoomForAtLeastOneId() {
    assertThatThrownBy(() -> new RecentEventIds(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
