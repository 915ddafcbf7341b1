package io.hotpath.analyzer.detect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The latency samples of one key (a statement, a route) over a sliding window of event time,
 * bounded in count: the oldest go first. Percentiles are exact over what the window holds (nearest
 * rank).
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

  public LatencyWindow(int maxSamples) {
    this.maxSamples = maxSamples;
  }

  public void add(Sample sample) {
    samples.addLast(sample);
    newest = Math.max(newest, sample.endEpochNanos());
    while (samples.size() > maxSamples) {
      samples.removeFirst();
    }
  }

  /** Drops what ended more than {@code windowNanos} before the newest sample. */
  public void evictOlderThan(long windowNanos) {
    long cutoff = newest - windowNanos;
    samples.removeIf(s -> s.endEpochNanos() < cutoff);
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
    double[] sorted = samples.stream().mapToDouble(Sample::ms).sorted().toArray();
    double[] result = new double[ps.length];
    for (int i = 0; i < ps.length && sorted.length > 0; i++) {
      int rank = (int) Math.ceil(ps[i] * sorted.length);
      result[i] = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
    return result;
  }

  public long errors() {
    return samples.stream().filter(Sample::error).count();
  }

  public long timeouts() {
    return samples.stream().filter(Sample::timeout).count();
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
   * The slowest samples (exemplars), slowest first; of equally slow ones the earlier. One pass that
   * keeps the n slowest so far: detectors ask for exemplars on every event, and sorting the whole
   * window for 3 of its 2,000 samples was the analyzer's largest cost on span batches.
   */
  public List<Sample> slowest(int n) {
    if (n <= 0) {
      return List.of();
    }
    Sample[] top = new Sample[n];
    int size = 0;
    for (Sample sample : samples) {
      if (size == n && sample.ms() <= top[n - 1].ms()) {
        continue;
      }
      int i = size < n ? size++ : n - 1;
      while (i > 0 && top[i - 1].ms() < sample.ms()) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = sample;
    }
    return List.of(Arrays.copyOf(top, size));
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
