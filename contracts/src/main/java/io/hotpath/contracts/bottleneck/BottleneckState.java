package io.hotpath.contracts.bottleneck;

/** Whether the analyzer still observes a bottleneck. */
public enum BottleneckState {
  /** Observed in the latest window. */
  ACTIVE,
  /** Not observed for the configured period; the tracker decides what that means. */
  GONE
}
