package io.hotpath.planner.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A bounded memory of the input events handled last, to skip exact repeats (redeliveries after a
 * rebalance). Bounded so a long-running planner does not grow without limit; a repeat older than
 * the window is reprocessed into the same plan event id, which the tracker deduplicates.
 */
public class RecentEventIds {
  private final Map<UUID, Boolean> seen;

  public RecentEventIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.seen =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  public synchronized boolean contains(UUID eventId) {
    return seen.containsKey(eventId);
  }

  public synchronized void add(UUID eventId) {
    seen.put(eventId, Boolean.TRUE);
  }
}
