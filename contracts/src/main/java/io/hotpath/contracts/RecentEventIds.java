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
 *
 * <p>A large window is split into {@value #STRIPES} stripes by the id's hash, each with its share
 * of the capacity and a lock of its own, so that threads handling different events seldom wait for
 * each other; the least recently added id of a stripe goes first. Ids are random or name-based
 * UUIDs, so the stripes fill evenly. A window smaller than {@value #STRIPED_FROM} ids is one
 * stripe.
 */
public final class RecentEventIds {
  static final int STRIPES = 16;
  static final int STRIPED_FROM = 16_384;

  private final Map<UUID, Boolean>[] stripes;

  @SuppressWarnings("unchecked")
  public RecentEventIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    int count = capacity >= STRIPED_FROM ? STRIPES : 1;
    int each = capacity / count;
    this.stripes = new Map[count];
    for (int i = 0; i < count; i++) {
      stripes[i] =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
              return size() > each;
            }
          };
    }
  }

  public boolean contains(UUID eventId) {
    Map<UUID, Boolean> stripe = stripeOf(eventId);
    synchronized (stripe) {
      return stripe.containsKey(eventId);
    }
  }

  public void add(UUID eventId) {
    Map<UUID, Boolean> stripe = stripeOf(eventId);
    synchronized (stripe) {
      stripe.put(eventId, Boolean.TRUE);
    }
  }

  public int size() {
    int size = 0;
    for (Map<UUID, Boolean> stripe : stripes) {
      synchronized (stripe) {
        size += stripe.size();
      }
    }
    return size;
  }

  private Map<UUID, Boolean> stripeOf(UUID eventId) {
    int hash = eventId.hashCode();
    return stripes[(hash ^ (hash >>> 16)) & (stripes.length - 1)];
  }
}
