package io.hotpath.contracts.tracking;

/** Where a bottleneck stands in the tracker's lifecycle. */
public enum BottleneckStatus {
  NOT_STARTED,
  IN_PROGRESS,
  COMPLETED,
  FAILED,
  ROLLED_BACK,
  DEFERRED
}
