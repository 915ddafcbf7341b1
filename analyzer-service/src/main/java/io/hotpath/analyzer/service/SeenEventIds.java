package io.hotpath.analyzer.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The most recent input event ids this analyzer fully processed, bounded so memory stays flat: an
 * exact repeat (a producer retry, a redelivery) is skipped. Older repeats are handled downstream,
 * where consumers deduplicate on the derived event ids.
 */
public final class SeenEventIds {
  private final Set<UUID> ids;

  public SeenEventIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.ids =
        Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
              }
            });
  }

  public synchronized boolean contains(UUID id) {
    return ids.contains(id);
  }

  public synchronized void add(UUID id) {
    ids.add(id);
  }

  public synchronized int size() {
    return ids.size();
  }
}
