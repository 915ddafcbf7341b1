package io.hotpath.analyzer.detect.metric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One metric series: values by time, at most {@code maxPoints} of them (the oldest dropped first).
 * A value at an existing time replaces it (a redelivered point counts once).
 *
 * <p>Every service keeps many of these, so the points are three primitive arrays used as a ring
 * (oldest at {@code head}), grown up to {@code maxPoints}: 20 bytes a point, no boxed value, no map
 * entry. Points arrive in time order almost always; a late one is inserted in place.
 */
final class Points {
  record Point(Instant time, double value) {}

  private final int maxPoints;
  private long[] seconds = new long[0];
  private int[] nanos = new int[0];
  private double[] values = new double[0];
  private int head;
  private int size;

  Points(int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1");
    }
    this.maxPoints = maxPoints;
  }

  void put(Instant time, double value) {
    int i = find(time);
    if (i >= 0) {
      values[slot(i)] = value;
    } else {
      insert(-i - 1, time, value);
    }
  }

  /** Keeps the smaller of the stored and the new value for {@code time}. */
  void putMin(Instant time, double value) {
    int i = find(time);
    if (i >= 0) {
      values[slot(i)] = Math.min(values[slot(i)], value);
    } else {
      insert(-i - 1, time, value);
    }
  }

  /** Drops the points before {@code cutoff}. */
  void forgetBefore(Instant cutoff) {
    int drop = indexOf(cutoff);
    head = slot(drop);
    size -= drop;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  Instant time(int i) {
    int s = slot(i);
    return Instant.ofEpochSecond(seconds[s], nanos[s]);
  }

  double value(int i) {
    return values[slot(i)];
  }

  Instant last() {
    if (size == 0) {
      throw new java.util.NoSuchElementException();
    }
    return time(size - 1);
  }

  /** The index of the first point at or after {@code from}; {@link #size()} when none is. */
  int indexOf(Instant from) {
    int i = find(from);
    return i >= 0 ? i : -i - 1;
  }

  /** The points from {@code from} on, oldest first. */
  List<Point> since(Instant from) {
    List<Point> points = new ArrayList<>(size);
    for (int i = indexOf(from); i < size; i++) {
      points.add(new Point(time(i), value(i)));
    }
    return points;
  }

  /** Every point, oldest first. */
  List<Point> all() {
    return since(Instant.MIN);
  }

  /** About how many bytes this series takes. */
  long bytes() {
    return 48 + 20L * seconds.length;
  }

  private int slot(int i) {
    int s = head + i;
    return s >= seconds.length ? s - seconds.length : s;
  }

  private int compare(int i, long sec, int nano) {
    int s = slot(i);
    int c = Long.compare(seconds[s], sec);
    return c != 0 ? c : Integer.compare(nanos[s], nano);
  }

  /** The index of {@code time}, or {@code -(insertion point) - 1}; the latest is tried first. */
  private int find(Instant time) {
    long sec = time.getEpochSecond();
    int nano = time.getNano();
    if (size == 0 || compare(size - 1, sec, nano) < 0) {
      return -size - 1;
    }
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = compare(mid, sec, nano);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -low - 1;
  }

  private void insert(int at, Instant time, double value) {
    if (size == maxPoints) {
      if (at == 0) {
        return; // older than every point of a full series: it would be dropped at once
      }
      head = slot(1);
      size--;
      at--;
    }
    if (size == seconds.length) {
      grow();
    }
    // Shift the points after the insertion point one slot on (none when appending).
    for (int i = size; i > at; i--) {
      int to = slot(i);
      int from = slot(i - 1);
      seconds[to] = seconds[from];
      nanos[to] = nanos[from];
      values[to] = values[from];
    }
    int s = slot(at);
    seconds[s] = time.getEpochSecond();
    nanos[s] = time.getNano();
    values[s] = value;
    size++;
  }

  private void grow() {
    int capacity = (int) Math.min(maxPoints, Math.max(8L, 2L * seconds.length));
    long[] newSeconds = new long[capacity];
    int[] newNanos = new int[capacity];
    double[] newValues = new double[capacity];
    for (int i = 0; i < size; i++) {
      int s = slot(i);
      newSeconds[i] = seconds[s];
      newNanos[i] = nanos[s];
      newValues[i] = values[s];
    }
    seconds = newSeconds;
    nanos = newNanos;
    values = newValues;
    head = 0;
  }

  @Override
  public String toString() {
    return Arrays.toString(since(Instant.MIN).toArray());
  }
}
