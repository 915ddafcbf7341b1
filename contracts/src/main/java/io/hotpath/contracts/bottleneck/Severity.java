package io.hotpath.contracts.bottleneck;

/** How urgent a bottleneck is; declared from most to least urgent. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  /** Only MEDIUM and LOW bottlenecks may be deferred. */
  public boolean deferrable() {
    return this == MEDIUM || this == LOW;
  }
}
