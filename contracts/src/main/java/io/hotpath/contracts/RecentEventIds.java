package io.hotpath.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The input event ids a consumer handled last, to skip exact repeats (a producer retry, a
 * redelivery after a rebalance) without a database. Bounded, so memory stays flat: the least
 * recently added id goes first. A repeat older than the window is processed again, so a consumer
 * that uses this must derive its output event ids from its input's ({@link EventIds#derived}): the
 * next consumer then deduplicates on those. Safe for use from several threads.
 */
public final class RecentEventIds {
  private final Map<UUID, Boolean> ids;

  public RecentEventIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.ids =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  public synchronized boolean contains(UUID eventId) {
    return ids.containsKey(eventId);
  }

  public synchronized void add(UUID eventId) {
    ids.put(eventId, Boolean.TRUE);
  }

  public synchronized int size() {
    return ids.size();
  }
}
