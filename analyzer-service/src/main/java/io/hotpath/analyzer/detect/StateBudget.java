package io.hotpath.analyzer.detect;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bound, in bytes, on the per-service state that detectors keep: their windows charge what they
 * hold (an estimate of the retained heap, names shared across services aside), and while the total
 * is over the bound, the detector that is adding forgets its least recently active services. Each
 * service forgotten this way is reported to {@code onEviction} with the detector's name. Shared by
 * several detectors, so thread-safe.
 */
public final class StateBudget {
  /** No bound: what a detector built without a budget uses. */
  public static final StateBudget UNBOUNDED = new StateBudget(Long.MAX_VALUE, detector -> {});

  private final long maxBytes;
  private final AtomicLong used = new AtomicLong();
  private final Consumer<String> onEviction;

  /**
   * @param maxBytes the bound on the estimated bytes of every service's state together
   * @param onEviction told the detector's name for each service forgotten for the bound
   */
  public StateBudget(long maxBytes, Consumer<String> onEviction) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
    this.onEviction = onEviction;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** The estimated bytes charged now. */
  public long usedBytes() {
    return used.get();
  }

  boolean over() {
    return used.get() > maxBytes;
  }

  void charge(long bytes) {
    used.addAndGet(bytes);
  }

  void evicted(String detector) {
    onEviction.accept(detector);
  }
}
