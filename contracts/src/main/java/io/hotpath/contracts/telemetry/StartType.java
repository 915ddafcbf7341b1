package io.hotpath.contracts.telemetry;

/** Whether a start began from nothing (cold) or reused a warmed runtime, cache or snapshot. */
public enum StartType {
  COLD,
  WARM
}
