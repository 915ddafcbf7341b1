package io.hotpath.contracts.telemetry;

/** The metric point shapes Hotpath keeps. */
public enum MetricKind {
  GAUGE,
  SUM,
  HISTOGRAM
}
