package io.hotpath.analyzer.detect;

import java.util.Map;

/**
 * One service's latency windows by key (a route, a statement), weighed for a {@link StateBudget}:
 * each key's string and what its value says it holds.
 *
 * @param <V> a key's window with what goes with it
 */
public final class KeyedWindows<V extends KeyedWindows.Sized> extends BoundedMap.Weighed {
  /** A value that knows about how many bytes it holds besides its key. */
  public interface Sized {
    long bytes();
  }

  /** A map entry and its key string's fixed part. */
  private static final int ENTRY_BYTES = 64 + 56;

  private final Map<String, V> byKey;

  /** At most {@code capacity} keys, the least recently used forgotten first. */
  public KeyedWindows(int capacity) {
    this.byKey = new BoundedMap<>(capacity);
  }

  public Map<String, V> byKey() {
    return byKey;
  }

  @Override
  protected long bytes() {
    long bytes = 0;
    for (Map.Entry<String, V> e : byKey.entrySet()) {
      bytes += ENTRY_BYTES + 2L * e.getKey().length() + e.getValue().bytes();
    }
    return bytes;
  }
}
