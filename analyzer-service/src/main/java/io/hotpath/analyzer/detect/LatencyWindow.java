package io.hotpath.analyzer.detect;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;

/**
 * The latency samples of one key (a statement, a route) over a sliding window of event time,
 * bounded in count: the oldest go first. Percentiles are exact over what the window holds (nearest
 * rank).
 *
 * <p>Detectors judge a window after every event that touched it, so what they ask for is kept
 * ready: the durations in sorted order (updated per sample added or dropped, instead of sorting the
 * whole window for each percentile), the error and timeout counts, and the earliest end (an
 * eviction that has nothing to drop does not walk the window). The samples are held in arrival
 * order in a ring of primitive arrays, so a mean is a pass over a {@code double[]}, and each sample
 * has an arrival number, so the one sample to drop is found among equally slow ones by binary
 * search rather than by walking them.
 *
 * <p>No {@link Sample} object is kept: a window holds thousands of samples for minutes, and in the
 * fleet bench the samples (and arrays of references to them, which the collector rescans at every
 * young collection once they are old and written to) were much of the analyzer's heap and of its
 * collection time. A sample's fields, its ids as numbers among them, are columns of the ring; the
 * few exemplars asked for are made from them.
 */
public final class LatencyWindow {
  /**
   * One measured call. Trace and span ids in the lowercase hex OTLP uses are kept as numbers, not
   * strings: a window holds thousands of samples, and most are never shown as exemplars.
   */
  public static final class Sample {
    private final long endEpochNanos;
    private final double ms;
    private final double rows;
    private final boolean error;
    private final boolean timeout;
    private final long trace0;
    private final long trace1;
    private final long span0;

    /** The ids when they are not 32 and 16 lowercase hex digits; else null. */
    private final String traceText;

    private final String spanText;

    /**
     * @param rows rows returned where known, else NaN
     */
    public Sample(
        long endEpochNanos,
        double ms,
        String traceId,
        String spanId,
        boolean error,
        boolean timeout,
        double rows) {
      this.endEpochNanos = endEpochNanos;
      this.ms = ms;
      this.rows = rows;
      this.error = error;
      this.timeout = timeout;
      if (HexIds.isHex(traceId, 32)) {
        this.trace0 = HexIds.parse(traceId, 0);
        this.trace1 = HexIds.parse(traceId, 16);
        this.traceText = null;
      } else {
        this.trace0 = 0;
        this.trace1 = 0;
        this.traceText = traceId;
      }
      if (HexIds.isHex(spanId, 16)) {
        this.span0 = HexIds.parse(spanId, 0);
        this.spanText = null;
      } else {
        this.span0 = 0;
        this.spanText = spanId;
      }
    }

    /** A sample made again from a window's columns. */
    private Sample(LatencyWindow w, int slot) {
      this.endEpochNanos = w.ringEnd[slot];
      this.ms = w.ringMs[slot];
      this.rows = w.ringRows[slot];
      this.error = w.ringError[slot];
      this.timeout = w.ringTimeout[slot];
      this.trace0 = w.ringTrace0[slot];
      this.trace1 = w.ringTrace1[slot];
      this.span0 = w.ringSpan0[slot];
      String[] text = w.textIds == null ? null : w.textIds.get(w.ringSeq[slot]);
      this.traceText = text == null ? null : text[0];
      this.spanText = text == null ? null : text[1];
    }

    public long endEpochNanos() {
      return endEpochNanos;
    }

    public double ms() {
      return ms;
    }

    public String traceId() {
      return traceText != null ? traceText : HexIds.format(trace0) + HexIds.format(trace1);
    }

    public String spanId() {
      return spanText != null ? spanText : HexIds.format(span0);
    }

    public boolean error() {
      return error;
    }

    public boolean timeout() {
      return timeout;
    }

    public double rows() {
      return rows;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sample s
          && endEpochNanos == s.endEpochNanos
          && Double.compare(ms, s.ms) == 0
          && Double.compare(rows, s.rows) == 0
          && error == s.error
          && timeout == s.timeout
          && traceId().equals(s.traceId())
          && spanId().equals(s.spanId());
    }

    @Override
    public int hashCode() {
      return Objects.hash(endEpochNanos, ms, traceId(), spanId(), error, timeout, rows);
    }

    @Override
    public String toString() {
      return "Sample[endEpochNanos=%d, ms=%s, traceId=%s, spanId=%s, error=%s, timeout=%s, rows=%s]"
          .formatted(endEpochNanos, ms, traceId(), spanId(), error, timeout, rows);
    }
  }

  /** The window itself and its eleven arrays' headers. */
  private static final int WINDOW_BYTES = 120 + 11 * 16;

  /** One slot across the columns and the sorted arrays: nine longs or doubles, two booleans. */
  private static final int SLOT_BYTES = 9 * 8 + 2;

  /** A map entry with its boxed key, a two-element array and two short strings. */
  private static final int TEXT_IDS_BYTES = 32 + 16 + 24 + 2 * 72;

  private final int maxSamples;
  private long newest = Long.MIN_VALUE;

  /** The samples in arrival order, a column each: a ring from {@code head}, {@code size} long. */
  private long[] ringSeq = new long[8];

  private double[] ringMs = new double[8];
  private double[] ringRows = new double[8];
  private long[] ringEnd = new long[8];
  private boolean[] ringError = new boolean[8];
  private boolean[] ringTimeout = new boolean[8];
  private long[] ringTrace0 = new long[8];
  private long[] ringTrace1 = new long[8];
  private long[] ringSpan0 = new long[8];

  /** The ids of the samples whose ids are not OTLP's hex, by arrival number; null while none. */
  private Map<Long, String[]> textIds;

  private int head;
  private int size;
  private long nextSeq;

  /**
   * The same samples ascending by duration in {@link Double#compare} order, and of equally slow
   * ones the later arrival first, so from the end the slowest come earliest first.
   */
  private double[] sorted = new double[8];

  private long[] sortedSeq = new long[8];

  private long errors;
  private long timeouts;

  /** How many samples know their rows (are not NaN). */
  private long rowsKnown;

  /** At most the earliest end in the window: nothing ended before it. */
  private long earliestEnd = Long.MAX_VALUE;

  public LatencyWindow(int maxSamples) {
    this.maxSamples = maxSamples;
  }

  /**
   * An estimate of the heap this window retains: its columns and sorted arrays at their capacity
   * (which grows with the samples and is kept when they are evicted), and the ids kept as text.
   */
  public long bytes() {
    return WINDOW_BYTES
        + (long) ringSeq.length * SLOT_BYTES
        + (textIds == null ? 0 : (long) textIds.size() * TEXT_IDS_BYTES);
  }

  public void add(Sample sample) {
    if (size == ringSeq.length) {
      grow();
    }
    long seq = nextSeq++;
    int at = slot(size);
    ringSeq[at] = seq;
    ringMs[at] = sample.ms;
    ringRows[at] = sample.rows;
    ringEnd[at] = sample.endEpochNanos;
    ringError[at] = sample.error;
    ringTimeout[at] = sample.timeout;
    ringTrace0[at] = sample.trace0;
    ringTrace1[at] = sample.trace1;
    ringSpan0[at] = sample.span0;
    if (sample.traceText != null || sample.spanText != null) {
      if (textIds == null) {
        textIds = new HashMap<>();
      }
      textIds.put(seq, new String[] {sample.traceText, sample.spanText});
    }
    size++;
    insertSorted(sample.ms, seq);
    count(at, 1);
    newest = Math.max(newest, sample.endEpochNanos);
    earliestEnd = Math.min(earliestEnd, sample.endEpochNanos);
    while (size > maxSamples) {
      int first = head;
      head = slot(1);
      size--;
      dropped(first);
    }
  }

  /** The ring slot of the {@code index}-th sample in arrival order (no division: hot loops). */
  private int slot(int index) {
    int at = head + index;
    return at < ringSeq.length ? at : at - ringSeq.length;
  }

  /** Doubles the ring (and the sorted arrays), its samples from index 0 on. */
  private void grow() {
    // Only a full ring grows: its samples, from head on, become slots 0 to size - 1.
    int capacity = ringSeq.length * 2;
    ringSeq = unwrap(ringSeq, capacity);
    ringMs = unwrap(ringMs, capacity);
    ringRows = unwrap(ringRows, capacity);
    ringEnd = unwrap(ringEnd, capacity);
    ringError = unwrap(ringError, capacity);
    ringTimeout = unwrap(ringTimeout, capacity);
    ringTrace0 = unwrap(ringTrace0, capacity);
    ringTrace1 = unwrap(ringTrace1, capacity);
    ringSpan0 = unwrap(ringSpan0, capacity);
    head = 0;
    sorted = Arrays.copyOf(sorted, capacity);
    sortedSeq = Arrays.copyOf(sortedSeq, capacity);
  }

  private long[] unwrap(long[] column, int capacity) {
    long[] grown = new long[capacity];
    System.arraycopy(column, head, grown, 0, column.length - head);
    System.arraycopy(column, 0, grown, column.length - head, head);
    return grown;
  }

  private double[] unwrap(double[] column, int capacity) {
    double[] grown = new double[capacity];
    System.arraycopy(column, head, grown, 0, column.length - head);
    System.arraycopy(column, 0, grown, column.length - head, head);
    return grown;
  }

  private boolean[] unwrap(boolean[] column, int capacity) {
    boolean[] grown = new boolean[capacity];
    System.arraycopy(column, head, grown, 0, column.length - head);
    System.arraycopy(column, 0, grown, column.length - head, head);
    return grown;
  }

  /** Copies the sample at slot {@code from} to slot {@code to}. */
  private void move(int from, int to) {
    ringSeq[to] = ringSeq[from];
    ringMs[to] = ringMs[from];
    ringRows[to] = ringRows[from];
    ringEnd[to] = ringEnd[from];
    ringError[to] = ringError[from];
    ringTimeout[to] = ringTimeout[from];
    ringTrace0[to] = ringTrace0[from];
    ringTrace1[to] = ringTrace1[from];
    ringSpan0[to] = ringSpan0[from];
  }

  /** Drops what ended more than {@code windowNanos} before the newest sample. */
  public void evictOlderThan(long windowNanos) {
    long cutoff = newest - windowNanos;
    if (cutoff <= earliestEnd) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    int kept = 0;
    for (int i = 0; i < size; i++) {
      int from = slot(i);
      if (ringEnd[from] < cutoff) {
        // The sorted arrays still hold all the samples this pass has not dropped yet.
        removeSorted(ringMs[from], ringSeq[from], size - (i - kept));
        count(from, -1);
        forgetText(from);
      } else {
        int to = slot(kept++);
        if (to != from) {
          move(from, to);
        }
        earliest = Math.min(earliest, ringEnd[to]);
      }
    }
    size = kept;
    earliestEnd = earliest;
  }

  /** Called after the sample at {@code slot} left the ring: the sorted arrays still hold it. */
  private void dropped(int slot) {
    removeSorted(ringMs[slot], ringSeq[slot], size + 1);
    count(slot, -1);
    forgetText(slot);
  }

  private void forgetText(int slot) {
    if (textIds != null) {
      textIds.remove(ringSeq[slot]);
    }
  }

  private void count(int slot, int delta) {
    if (!Double.isNaN(ringRows[slot])) {
      rowsKnown += delta;
    }
    if (ringError[slot]) {
      errors += delta;
    }
    if (ringTimeout[slot]) {
      timeouts += delta;
    }
  }

  /** Where a sample is, or would be inserted, among the first {@code n} sorted ones. */
  private int position(double ms, long seq, int n) {
    int low = 0;
    int high = n;
    while (low < high) {
      int mid = (low + high) >>> 1;
      int c = Double.compare(sorted[mid], ms);
      if (c < 0 || c == 0 && sortedSeq[mid] > seq) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private void insertSorted(double ms, long seq) {
    int n = size - 1;
    int at = position(ms, seq, n);
    System.arraycopy(sorted, at, sorted, at + 1, n - at);
    System.arraycopy(sortedSeq, at, sortedSeq, at + 1, n - at);
    sorted[at] = ms;
    sortedSeq[at] = seq;
  }

  private void removeSorted(double ms, long seq, int n) {
    int at = position(ms, seq, n);
    System.arraycopy(sorted, at + 1, sorted, at, n - at - 1);
    System.arraycopy(sortedSeq, at + 1, sortedSeq, at, n - at - 1);
  }

  /**
   * The ring slot of the sample that arrived {@code seq}-th: arrival numbers grow along the ring.
   */
  private int slotOf(long seq) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long at = ringSeq[slot(mid)];
      if (at < seq) {
        low = mid + 1;
      } else if (at > seq) {
        high = mid - 1;
      } else {
        return slot(mid);
      }
    }
    throw new IllegalStateException("no sample " + seq + " in the window");
  }

  public int count() {
    return size;
  }

  /** The arrival-ordered values of one ring array, as one stream (the ring may wrap). */
  private DoubleStream inArrivalOrder(double[] values) {
    int end = head + size;
    if (end <= values.length) {
      return Arrays.stream(values, head, end);
    }
    return DoubleStream.concat(
        Arrays.stream(values, head, values.length), Arrays.stream(values, 0, end - values.length));
  }

  public double meanMs() {
    return inArrivalOrder(ringMs).average().orElse(0);
  }

  /** The nearest-rank percentile, {@code p} in (0, 1]. */
  public double percentileMs(double p) {
    return percentilesMs(p)[0];
  }

  /** Nearest-rank percentiles; 0 for an empty window. */
  public double[] percentilesMs(double... ps) {
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
    if (rowsKnown == 0) {
      return Double.NaN;
    }
    return inArrivalOrder(ringRows).filter(r -> !Double.isNaN(r)).average().orElse(Double.NaN);
  }

  /**
   * The slowest samples (exemplars), slowest first; of equally slow ones the earlier. Read off the
   * end of the samples kept in order of duration: detectors ask for exemplars on every event, and
   * sorting, then walking, the whole window for 3 of its 2,000 samples was each in turn the
   * analyzer's largest cost on span batches.
   */
  public List<Sample> slowest(int n) {
    Sample[] top = new Sample[Math.max(0, Math.min(n, size))];
    for (int i = 0; i < top.length; i++) {
      top[i] = new Sample(this, slotOf(sortedSeq[size - 1 - i]));
    }
    return List.of(top);
  }

  /** Exemplars matching a condition, latest first; of those that ended together the earlier. */
  public List<Sample> latest(int n, Predicate<Sample> which) {
    return latest(n, which, false);
  }

  /**
   * The latest failed samples (exemplars), as {@code latest(n, Sample::error)}; failures are few,
   * so this reads the window's flags rather than every sample.
   */
  public List<Sample> latestErrors(int n) {
    return latest(n, Sample::error, true);
  }

  private List<Sample> latest(int n, Predicate<Sample> which, boolean errorsOnly) {
    Sample[] top = new Sample[Math.max(0, n)];
    int found = 0;
    for (int i = 0; i < size && top.length > 0; i++) {
      int slot = slot(i);
      if (errorsOnly && !ringError[slot]) {
        continue;
      }
      Sample s = new Sample(this, slot);
      if (!which.test(s)) {
        continue;
      }
      // After every kept one that ended at the same time or later: it arrived after them.
      int at = found;
      while (at > 0 && top[at - 1].endEpochNanos() < s.endEpochNanos()) {
        at--;
      }
      if (at < top.length) {
        int move = Math.min(found, top.length - 1) - at;
        System.arraycopy(top, at, top, at + 1, move);
        top[at] = s;
        found = Math.min(found + 1, top.length);
      }
    }
    return List.of(Arrays.copyOf(top, found));
  }

  public Instant start() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, ringEnd[slot(i)]);
    }
    return Instant.ofEpochSecond(0, size == 0 ? newest : min);
  }

  public Instant end() {
    return Instant.ofEpochSecond(0, newest);
  }
}
