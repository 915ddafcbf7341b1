package io.hotpath.analyzer.detect;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry once it holds {@code capacity}: the bound on
 * every per-service and per-key window a detector keeps. Not thread-safe (detectors see one event
 * at a time).
 *
 * <p>Built with a {@link StateBudget} ({@link #weighed}), its values are {@link Weighed}: after
 * changing a value the detector calls {@link #charge}, which charges the value's new size to the
 * budget and, while the budget is over, forgets the least recently used other entries.
 */
public class BoundedMap<K, V> extends LinkedHashMap<K, V> {
  /** A value that knows about how many bytes it holds. */
  public abstract static class Weighed {
    /** What this value has charged to its map's budget. */
    long charged;

    /** An estimate of the heap this value retains. */
    protected abstract long bytes();
  }

  private final int capacity;

  public BoundedMap(int capacity) {
    super(16, 0.75f, true);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /**
   * A map of at most {@code capacity} entries whose values' sizes count against {@code budget};
   * {@code name} names the owner in the budget's eviction reports.
   */
  public static <K, V extends Weighed> Budgeted<K, V> weighed(
      int capacity, StateBudget budget, String name) {
    return new Budgeted<>(capacity, budget, name);
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    if (size() > capacity) {
      forgotten(eldest.getValue());
      return true;
    }
    return false;
  }

  /**
   * Called for a value forgotten for the capacity: a subclass that keeps a total over its values
   * takes the value's share off here.
   */
  protected void forgotten(V value) {}

  /** A {@link BoundedMap} whose values also count against a {@link StateBudget}. */
  public static final class Budgeted<K, V extends Weighed> extends BoundedMap<K, V> {
    private final StateBudget budget;
    private final String name;

    private Budgeted(int capacity, StateBudget budget, String name) {
      super(capacity);
      this.budget = budget;
      this.name = name;
    }

    /**
     * Charges the size of {@code key}'s value now to the budget; while the budget is over, forgets
     * the least recently used other entries (each reported as an eviction).
     */
    public void charge(K key) {
      V value = get(key);
      if (value == null) {
        return;
      }
      long bytes = value.bytes();
      budget.charge(bytes - value.charged);
      value.charged = bytes;
      Iterator<Map.Entry<K, V>> eldest = entrySet().iterator();
      while (budget.over() && eldest.hasNext()) {
        Map.Entry<K, V> entry = eldest.next();
        if (entry.getValue() == value) {
          break; // the rest are more recent than the entry being charged
        }
        eldest.remove();
        release(entry.getValue());
        budget.evicted(name);
      }
    }

    @Override
    protected void forgotten(V value) {
      release(value);
    }

    @Override
    public V remove(Object key) {
      V value = super.remove(key);
      if (value != null) {
        release(value);
      }
      return value;
    }

    @Override
    public void clear() {
      values().forEach(this::release);
      super.clear();
    }

    private void release(V value) {
      budget.charge(-value.charged);
      value.charged = 0;
    }
  }
}
