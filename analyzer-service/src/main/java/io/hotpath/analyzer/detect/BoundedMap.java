package io.hotpath.analyzer.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry once it holds {@code capacity}: the bound on
 * every per-service and per-key window a detector keeps. Not thread-safe (detectors see one event
 * at a time).
 */
public final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
  private final int capacity;

  public BoundedMap(int capacity) {
    super(16, 0.75f, true);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
