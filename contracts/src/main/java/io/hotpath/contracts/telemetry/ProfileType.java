package io.hotpath.contracts.telemetry;

/** What a profile's samples measure. */
public enum ProfileType {
  CPU,
  WALL,
  ALLOCATION,
  LOCK,
  OTHER
}
