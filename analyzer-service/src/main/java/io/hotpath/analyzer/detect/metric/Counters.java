package io.hotpath.analyzer.detect.metric;

import io.hotpath.contracts.telemetry.CacheCounters;
import java.util.List;

/**
 * Reads counters whatever their temporality. The points carry no temporality flag, so it is
 * inferred: a cumulative counter only grows, apart from a reset when its process restarts; a series
 * that went down twice or more holds deltas (as {@link CacheCounters} reads them for the tracker).
 */
final class Counters {
  private Counters() {}

  /** True when {@code series} (oldest first) holds deltas rather than running totals. */
  static boolean isDelta(List<Points.Point> series) {
    int decreases = 0;
    for (int i = 1; i < series.size(); i++) {
      if (series.get(i).value() < series.get(i - 1).value()) {
        decreases++;
      }
    }
    return decreases >= CacheCounters.DELTA_AFTER_DECREASES;
  }

  /**
   * What the counter counted over {@code window} (oldest first, a suffix of {@code series}): the
   * sum of the deltas, or the increases between running totals (after a reset, the new total).
   */
  static double increase(List<Points.Point> series, List<Points.Point> window) {
    double sum = 0;
    if (isDelta(series)) {
      for (Points.Point point : window) {
        sum += Math.max(0, point.value());
      }
      return sum;
    }
    for (int i = 1; i < window.size(); i++) {
      sum += CacheCounters.increase(window.get(i - 1).value(), window.get(i).value());
    }
    return sum;
  }
}
