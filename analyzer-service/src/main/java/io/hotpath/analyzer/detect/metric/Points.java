package io.hotpath.analyzer.detect.metric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric series: values by time, at most {@code maxPoints} of them (the oldest dropped first).
 * A value at an existing time replaces it (a redelivered point counts once).
 */
final class Points {
  record Point(Instant time, double value) {}

  private final int maxPoints;
  private final TreeMap<Instant, Double> values = new TreeMap<>();

  Points(int maxPoints) {
    this.maxPoints = maxPoints;
  }

  void put(Instant time, double value) {
    values.put(time, value);
    while (values.size() > maxPoints) {
      values.pollFirstEntry();
    }
  }

  /** Keeps the smaller of the stored and the new value for {@code time}. */
  void putMin(Instant time, double value) {
    values.merge(time, value, Math::min);
    while (values.size() > maxPoints) {
      values.pollFirstEntry();
    }
  }

  void forgetBefore(Instant cutoff) {
    values.headMap(cutoff, false).clear();
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  Instant last() {
    return values.lastKey();
  }

  /** The points from {@code from} on, oldest first. */
  List<Point> since(Instant from) {
    List<Point> points = new ArrayList<>();
    for (Map.Entry<Instant, Double> e : values.tailMap(from, true).entrySet()) {
      points.add(new Point(e.getKey(), e.getValue()));
    }
    return points;
  }

  /** Every point, oldest first. */
  List<Point> all() {
    return since(Instant.MIN);
  }
}
