package io.hotpath.analyzer.detect.metric;

import io.hotpath.contracts.telemetry.CacheCounters;

/**
 * Reads counters whatever their temporality. The points carry no temporality flag, so it is
 * inferred: a cumulative counter only grows, apart from a reset when its process restarts; a series
 * that went down twice or more holds deltas (as {@link CacheCounters} reads them for the tracker).
 */
final class Counters {
  private Counters() {}

  /** True when {@code series} holds deltas rather than running totals. */
  static boolean isDelta(Points series) {
    int decreases = 0;
    for (int i = 1; i < series.size(); i++) {
      if (series.value(i) < series.value(i - 1)) {
        decreases++;
        if (decreases >= CacheCounters.DELTA_AFTER_DECREASES) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * What the counter counted over its points from index {@code from} on: the sum of the deltas, or
   * the increases between running totals (after a reset, the new total).
   */
  static double increase(Points series, int from) {
    double sum = 0;
    if (isDelta(series)) {
      for (int i = from; i < series.size(); i++) {
        sum += Math.max(0, series.value(i));
      }
      return sum;
    }
    for (int i = from + 1; i < series.size(); i++) {
      sum += CacheCounters.increase(series.value(i - 1), series.value(i));
    }
    return sum;
  }
}
