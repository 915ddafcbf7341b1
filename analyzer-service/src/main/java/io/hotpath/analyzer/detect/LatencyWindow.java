package io.hotpath.analyzer.detect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The latency samples of one key (a statement, a route) over a sliding window of event time,
 * bounded in count: the oldest go first. Percentiles are exact over what the window holds (nearest
 * rank).
 *
 * <p>Detectors judge a window after every event that touched it, so what they ask for is kept
 * ready: the durations in sorted order (updated per sample added or dropped, instead of sorting the
 * whole window for each percentile), the error and timeout counts, and the earliest end (an
 * eviction that has nothing to drop does not walk the window).
 */
public final class LatencyWindow {
  /**
   * One measured call.
   *
   * @param rows rows returned where known, else NaN
   */
  public record Sample(
      long endEpochNanos,
      double ms,
      String traceId,
      String spanId,
      boolean error,
      boolean timeout,
      double rows) {}

  private final int maxSamples;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private long newest = Long.MIN_VALUE;

  /**
   * The durations of {@link #samples}, ascending in {@link Double#compare} order, and the samples
   * in the same order; of equally slow samples the later comes first (each is inserted before its
   * equals), so from the end the slowest come earliest first.
   */
  private double[] sorted = new double[16];

  private Sample[] bySpeed = new Sample[16];

  private long errors;
  private long timeouts;

  /** At most the earliest end in the window: nothing ended before it. */
  private long earliestEnd = Long.MAX_VALUE;

  public LatencyWindow(int maxSamples) {
    this.maxSamples = maxSamples;
  }

  public void add(Sample sample) {
    samples.addLast(sample);
    insertSorted(sample);
    count(sample, 1);
    newest = Math.max(newest, sample.endEpochNanos());
    earliestEnd = Math.min(earliestEnd, sample.endEpochNanos());
    while (samples.size() > maxSamples) {
      dropped(samples.removeFirst());
    }
  }

  /** Drops what ended more than {@code windowNanos} before the newest sample. */
  public void evictOlderThan(long windowNanos) {
    long cutoff = newest - windowNanos;
    if (cutoff <= earliestEnd) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    Iterator<Sample> it = samples.iterator();
    while (it.hasNext()) {
      Sample s = it.next();
      if (s.endEpochNanos() < cutoff) {
        it.remove();
        dropped(s);
      } else {
        earliest = Math.min(earliest, s.endEpochNanos());
      }
    }
    earliestEnd = earliest;
  }

  private void dropped(Sample sample) {
    removeSorted(sample);
    count(sample, -1);
  }

  private void count(Sample sample, int delta) {
    if (sample.error()) {
      errors += delta;
    }
    if (sample.timeout()) {
      timeouts += delta;
    }
  }

  /** Where {@code ms} is, or would be inserted, among the first {@code size} sorted durations. */
  private int position(double ms, int size) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (Double.compare(sorted[mid], ms) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private void insertSorted(Sample sample) {
    int size = samples.size() - 1;
    if (size == sorted.length) {
      sorted = Arrays.copyOf(sorted, Math.max(16, size * 2));
      bySpeed = Arrays.copyOf(bySpeed, sorted.length);
    }
    int at = position(sample.ms(), size);
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    System.arraycopy(bySpeed, at, bySpeed, at + 1, size - at);
    sorted[at] = sample.ms();
    bySpeed[at] = sample;
  }

  /** Called after the sample left {@link #samples}: the sorted arrays still hold it. */
  private void removeSorted(Sample sample) {
    int size = samples.size() + 1;
    int at = position(sample.ms(), size);
    // Among equally slow samples, this very one (records that are equal are still two samples).
    while (at < size - 1 && bySpeed[at] != sample) {
      at++;
    }
    System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
    System.arraycopy(bySpeed, at + 1, bySpeed, at, size - at - 1);
    bySpeed[size - 1] = null;
  }

  public int count() {
    return samples.size();
  }

  public double meanMs() {
    return samples.stream().mapToDouble(Sample::ms).average().orElse(0);
  }

  /** The nearest-rank percentile, {@code p} in (0, 1]. */
  public double percentileMs(double p) {
    return percentilesMs(p)[0];
  }

  /** Nearest-rank percentiles, sorting once; 0 for an empty window. */
  public double[] percentilesMs(double... ps) {
    int size = samples.size();
    double[] result = new double[ps.length];
    for (int i = 0; i < ps.length && size > 0; i++) {
      int rank = (int) Math.ceil(ps[i] * size);
      result[i] = sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
    return result;
  }

  public long errors() {
    return errors;
  }

  public long timeouts() {
    return timeouts;
  }

  /** Mean rows per call over the samples that know it; NaN when none does. */
  public double rowsPerCall() {
    return samples.stream()
        .mapToDouble(Sample::rows)
        .filter(r -> !Double.isNaN(r))
        .average()
        .orElse(Double.NaN);
  }

  /**
   * The slowest samples (exemplars), slowest first; of equally slow ones the earlier. Read off the
   * end of the samples kept in order of duration: detectors ask for exemplars on every event, and
   * sorting, then walking, the whole window for 3 of its 2,000 samples was each in turn the
   * analyzer's largest cost on span batches.
   */
  public List<Sample> slowest(int n) {
    int size = samples.size();
    Sample[] top = new Sample[Math.max(0, Math.min(n, size))];
    for (int i = 0; i < top.length; i++) {
      top[i] = bySpeed[size - 1 - i];
    }
    return List.of(top);
  }

  /** Exemplars matching a condition, latest first. */
  public List<Sample> latest(int n, Predicate<Sample> which) {
    Sample[] all = samples.toArray(new Sample[0]);
    return Arrays.stream(all)
        .filter(which)
        .sorted(Comparator.comparingLong(Sample::endEpochNanos).reversed())
        .limit(n)
        .toList();
  }

  public Instant start() {
    return Instant.ofEpochSecond(
        0, samples.stream().mapToLong(Sample::endEpochNanos).min().orElse(newest));
  }

  public Instant end() {
    return Instant.ofEpochSecond(0, newest);
  }
}
