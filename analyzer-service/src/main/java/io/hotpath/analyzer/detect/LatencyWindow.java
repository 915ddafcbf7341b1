package io.hotpath.analyzer.detect;

import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The calls of one key (a statement, a route) over a sliding window of event time, kept as slices
 * of {@link #SLICE_NANOS} (30 s) by each call's end.
 *
 * <p>A slice keeps what the detectors ask of a window: the number of calls, errors and timeouts,
 * the sums of durations and rows, the earliest and latest end, the fastest and slowest duration,
 * its durations counted in DDSketch's logarithmic bins, and the few calls that may be shown as
 * exemplars (its {@link #EXEMPLARS} slowest and its {@link #EXEMPLARS} latest failures). The window
 * keeps the bins' totals over its slices, and takes a slice's counts off when the slice goes. So a
 * window's size follows its length and the spread of its durations, not its number of calls, and
 * every call of the window counts, however many there are. Before, a window held each call, at most
 * the latest 2,000 or 5,000: at 1,000 services those calls were more than the analyzer's whole
 * state budget, and it kept forgetting services to hold them.
 *
 * <p>What is exact and what is not:
 *
 * <ul>
 *   <li>Counts, the mean, rows per call, the window's start and end, and the exemplars are exact
 *       over the slices held.
 *   <li>A percentile is the nearest rank's bin: within {@link #RELATIVE_ACCURACY} (1 %) of the
 *       duration at that rank, never outside the fastest and slowest held, and the 100th is the
 *       slowest. A window of equal durations has them as every percentile.
 *   <li>Eviction drops whole slices, those whose every call ended before the cutoff: a window holds
 *       what the cutoff asks and at most one slice more.
 * </ul>
 */
public final class LatencyWindow {
  /**
   * One measured call. Trace and span ids in the lowercase hex OTLP uses are kept as numbers, not
   * strings: the exemplars are kept for minutes, and most are never shown.
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
     * @param ms the call's duration, finite
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
      if (!Double.isFinite(ms)) {
        throw new IllegalArgumentException("a call's duration must be finite, was " + ms);
      }
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

    /** An estimate of its heap: the object, and its ids where they are kept as text. */
    long bytes() {
      return SAMPLE_BYTES
          + (traceText == null ? 0 : 40 + 2L * traceText.length())
          + (spanText == null ? 0 : 40 + 2L * spanText.length());
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

  /** The width of a slice of event time. */
  public static final long SLICE_NANOS = 30_000_000_000L;

  /** How far a percentile may be from the duration at its rank, relatively. */
  public static final double RELATIVE_ACCURACY = 0.01;

  /** How many slowest calls and latest failures a slice keeps, and a window can give. */
  public static final int EXEMPLARS = 3;

  /**
   * DDSketch's logarithmic mapping of a duration to a bin, and of a bin to the duration within
   * {@link #RELATIVE_ACCURACY} of all it holds; immutable, so one for all windows.
   */
  private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

  /** The window, its slice array's and its totals' headers. */
  private static final int WINDOW_BYTES = 72 + 2 * 16;

  /**
   * A slice with its bins' and exemplars' array headers; measured with the {@code footprint} bench.
   */
  private static final int SLICE_BYTES = 112 + 16 + 2 * (16 + EXEMPLARS * 8);

  /** An exemplar's object; its ids, where kept as text, come on top. */
  private static final int SAMPLE_BYTES = 72;

  /** The failures' arrays, made at a slice's first failure. */
  private static final int FAILED_BYTES = 2 * (16 + EXEMPLARS * 8);

  /** A slice's first room for bins. */
  private static final int FIRST_BINS = 4;

  /** The calls of one slice of event time. */
  private static final class Slice {
    final long index;
    long count;
    long errors;
    long timeouts;
    long rowsKnown;
    double sumMs;
    double sumRows;
    double minMs = Double.POSITIVE_INFINITY;
    double maxMs = Double.NEGATIVE_INFINITY;
    long minEnd = Long.MAX_VALUE;
    long maxEnd = Long.MIN_VALUE;

    /** Calls too short for a bin (0 ms, or less). */
    long zeros;

    /** Its durations' bins ascending, each a bin index (high half) and its count (low half). */
    long[] bins = new long[FIRST_BINS];

    int binCount;

    /** Its slowest calls, slowest first, of equally slow ones the earlier; with arrival numbers. */
    final Sample[] slowest = new Sample[EXEMPLARS];

    final long[] slowestSeq = new long[EXEMPLARS];
    int slowCount;

    /** Its latest failures, latest first, of those that ended together the earlier; or null. */
    Sample[] failed;

    long[] failedSeq;
    int failedCount;

    /**
     * An estimate of its heap, kept as it changes: the window's size is asked after every event.
     */
    long bytes = SLICE_BYTES + 8L * FIRST_BINS;

    Slice(long index) {
      this.index = index;
    }

    void add(Sample s, long seq, int bin) {
      count++;
      sumMs += s.ms;
      minMs = Math.min(minMs, s.ms);
      maxMs = Math.max(maxMs, s.ms);
      minEnd = Math.min(minEnd, s.endEpochNanos);
      maxEnd = Math.max(maxEnd, s.endEpochNanos);
      if (!Double.isNaN(s.rows)) {
        rowsKnown++;
        sumRows += s.rows;
      }
      if (s.timeout) {
        timeouts++;
      }
      if (bin == NO_BIN) {
        zeros++;
      } else {
        countBin(bin);
      }
      slowCount = keep(slowest, slowestSeq, slowCount, s, seq, true);
      if (s.error) {
        errors++;
        if (failed == null) {
          failed = new Sample[EXEMPLARS];
          failedSeq = new long[EXEMPLARS];
          bytes += FAILED_BYTES;
        }
        failedCount = keep(failed, failedSeq, failedCount, s, seq, false);
      }
    }

    private void countBin(int bin) {
      int low = 0;
      int high = binCount - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        int at = (int) (bins[mid] >> 32);
        if (at < bin) {
          low = mid + 1;
        } else if (at > bin) {
          high = mid - 1;
        } else {
          bins[mid]++;
          return;
        }
      }
      if (binCount == bins.length) {
        bins = Arrays.copyOf(bins, binCount + (binCount >> 1));
        bytes += 8L * (bins.length - binCount);
      }
      System.arraycopy(bins, low, bins, low + 1, binCount - low);
      bins[low] = (long) bin << 32 | 1;
      binCount++;
    }

    /** Keeps {@code s} in a full-length ranked list of {@code n} if it ranks; the new n. */
    private int keep(Sample[] ranked, long[] seqs, int n, Sample s, long seq, boolean slowest) {
      int at = position(ranked, seqs, n, s, seq, slowest);
      if (at >= ranked.length) {
        return n;
      }
      bytes += s.bytes() - (n == ranked.length ? ranked[n - 1].bytes() : 0);
      return insert(ranked, seqs, n, at, s, seq);
    }
  }

  /** The bin of a call too short for one. */
  private static final int NO_BIN = Integer.MIN_VALUE;

  private final long sliceNanos;

  /** The slices ascending by index, {@code size} of them. */
  private Slice[] slices = new Slice[2];

  private int size;

  /** The calls of every slice held by bin: {@code totals[i]} counts bin {@code totalsBase + i}. */
  private int[] totals = new int[0];

  private int totalsBase;

  /** The slices' estimates, summed. */
  private long sliceBytes;

  private long newest = Long.MIN_VALUE;
  private long nextSeq;

  /** The window in slices of {@link #SLICE_NANOS}. */
  public LatencyWindow() {
    this(SLICE_NANOS);
  }

  /** The window in slices of {@code sliceNanos} of event time. */
  public LatencyWindow(long sliceNanos) {
    if (sliceNanos <= 0) {
      throw new IllegalArgumentException("a slice must be longer than 0 ns, was " + sliceNanos);
    }
    this.sliceNanos = sliceNanos;
  }

  /** An estimate of the heap this window retains. */
  public long bytes() {
    return WINDOW_BYTES + 4L * slices.length + 4L * totals.length + sliceBytes;
  }

  public void add(Sample sample) {
    int bin = sample.ms >= MAPPING.minIndexableValue() ? MAPPING.index(sample.ms) : NO_BIN;
    Slice slice = sliceOf(Math.floorDiv(sample.endEpochNanos, sliceNanos));
    sliceBytes -= slice.bytes;
    slice.add(sample, nextSeq++, bin);
    sliceBytes += slice.bytes;
    if (bin != NO_BIN) {
      total(bin, 1);
    }
    newest = Math.max(newest, sample.endEpochNanos);
  }

  /** Adds {@code delta} to the window's count of a bin, widening the totals to reach it. */
  private void total(int bin, int delta) {
    if (totals.length == 0) {
      totals = new int[16];
      totalsBase = bin - 8;
    } else if (bin < totalsBase || bin >= totalsBase + totals.length) {
      int from = Math.min(bin, totalsBase);
      int to = Math.max(bin, totalsBase + totals.length - 1);
      int slack = (to - from + 1) >> 2;
      int[] widened = new int[to - from + 1 + 2 * slack];
      System.arraycopy(totals, 0, widened, totalsBase - from + slack, totals.length);
      totals = widened;
      totalsBase = from - slack;
    }
    totals[bin - totalsBase] += delta;
  }

  /** The slice of an index, made where it belongs if there is none; most calls go to the last. */
  private Slice sliceOf(long index) {
    if (size > 0 && slices[size - 1].index == index) {
      return slices[size - 1];
    }
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long at = slices[mid].index;
      if (at < index) {
        low = mid + 1;
      } else if (at > index) {
        high = mid - 1;
      } else {
        return slices[mid];
      }
    }
    if (size == slices.length) {
      slices = Arrays.copyOf(slices, size * 2);
    }
    System.arraycopy(slices, low, slices, low + 1, size - low);
    size++;
    Slice made = new Slice(index);
    sliceBytes += made.bytes;
    return slices[low] = made;
  }

  /**
   * Drops the slices whose every call ended more than {@code windowNanos} before the newest: the
   * slices are in order of their ends, so those are the first ones.
   */
  public void evictOlderThan(long windowNanos) {
    long cutoff = newest - windowNanos;
    int drop = 0;
    while (drop < size && slices[drop].maxEnd < cutoff) {
      Slice gone = slices[drop++];
      sliceBytes -= gone.bytes;
      for (int i = 0; i < gone.binCount; i++) {
        total((int) (gone.bins[i] >> 32), -(int) gone.bins[i]);
      }
    }
    if (drop > 0) {
      System.arraycopy(slices, drop, slices, 0, size - drop);
      Arrays.fill(slices, size - drop, size, null);
      size -= drop;
    }
  }

  public long count() {
    long count = 0;
    for (int i = 0; i < size; i++) {
      count += slices[i].count;
    }
    return count;
  }

  public double meanMs() {
    long count = count();
    if (count == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += slices[i].sumMs;
    }
    return sum / count;
  }

  /** The percentile {@code p} in (0, 1]; see the class's note on accuracy. */
  public double percentileMs(double p) {
    return percentilesMs(p)[0];
  }

  /**
   * Nearest-rank percentiles, each {@code p} in (0, 1]; 0 for an empty window. The duration at the
   * rank is known to its bin: the bin's duration is within {@link #RELATIVE_ACCURACY} of it, and
   * kept between the fastest and the slowest call held; the 100th is the slowest.
   */
  public double[] percentilesMs(double... ps) {
    for (double p : ps) {
      if (!(p > 0 && p <= 1)) {
        throw new IllegalArgumentException("a percentile must be in (0, 1], was " + p);
      }
    }
    double[] result = new double[ps.length];
    long count = count();
    if (count == 0) {
      return result;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long zeros = 0;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, slices[i].minMs);
      max = Math.max(max, slices[i].maxMs);
      zeros += slices[i].zeros;
    }
    for (int i = 0; i < ps.length; i++) {
      result[i] = ps[i] == 1 ? max : Math.max(min, Math.min(max, atRank(ps[i], count, zeros)));
    }
    return result;
  }

  /**
   * The duration of the bin that holds the call at the nearest rank of {@code p}, of {@code count}
   * calls, {@code zeros} of them too short for a bin.
   */
  private double atRank(double p, long count, long zeros) {
    long rank = Math.max(1, (long) Math.ceil(p * count));
    if (rank <= zeros) {
      return 0;
    }
    long seen = zeros;
    for (int i = 0; i < totals.length; i++) {
      seen += totals[i];
      if (seen >= rank) {
        return MAPPING.value(totalsBase + i);
      }
    }
    throw new IllegalStateException("the window's bins hold fewer calls than it counts");
  }

  public long errors() {
    long errors = 0;
    for (int i = 0; i < size; i++) {
      errors += slices[i].errors;
    }
    return errors;
  }

  public long timeouts() {
    long timeouts = 0;
    for (int i = 0; i < size; i++) {
      timeouts += slices[i].timeouts;
    }
    return timeouts;
  }

  /** Mean rows per call over the calls that know it; NaN when none does. */
  public double rowsPerCall() {
    long known = 0;
    double sum = 0;
    for (int i = 0; i < size; i++) {
      known += slices[i].rowsKnown;
      sum += slices[i].sumRows;
    }
    return known == 0 ? Double.NaN : sum / known;
  }

  /**
   * The slowest calls (exemplars), slowest first; of equally slow ones the earlier. At most {@link
   * #EXEMPLARS}: they are picked from each slice's slowest.
   */
  public List<Sample> slowest(int n) {
    return pick(n, true);
  }

  /**
   * The latest failed calls (exemplars), latest first; of those that ended together the earlier.
   */
  public List<Sample> latestErrors(int n) {
    return pick(n, false);
  }

  private List<Sample> pick(int n, boolean slowest) {
    if (n < 0 || n > EXEMPLARS) {
      throw new IllegalArgumentException(
          "a window keeps 0 to " + EXEMPLARS + " exemplars, not " + n);
    }
    Sample[] top = new Sample[n];
    long[] topSeq = new long[n];
    int found = 0;
    // Newest slice first: the latest failures are there, and no older slice ends later.
    for (int i = size - 1; i >= 0; i--) {
      Slice slice = slices[i];
      if (!slowest && found == n && (n == 0 || slice.maxEnd < top[n - 1].endEpochNanos)) {
        break;
      }
      Sample[] ranked = slowest ? slice.slowest : slice.failed;
      long[] seqs = slowest ? slice.slowestSeq : slice.failedSeq;
      int count = slowest ? slice.slowCount : slice.failedCount;
      for (int j = 0; j < count; j++) {
        int at = position(top, topSeq, found, ranked[j], seqs[j], slowest);
        if (at >= n) {
          break; // the slice's own are in the same order: the rest rank lower still
        }
        found = insert(top, topSeq, found, at, ranked[j], seqs[j]);
      }
    }
    return List.of(Arrays.copyOf(top, found));
  }

  /**
   * Where {@code s} goes among the first {@code n} of a ranked list: after all that rank before it.
   */
  private static int position(
      Sample[] ranked, long[] seqs, int n, Sample s, long seq, boolean slowest) {
    int at = n;
    while (at > 0 && before(s, seq, ranked[at - 1], seqs[at - 1], slowest)) {
      at--;
    }
    return at;
  }

  /**
   * Puts {@code s} at {@code at} of a ranked list of {@code n}, the last falling off when the list
   * is full; the new n.
   */
  private static int insert(Sample[] ranked, long[] seqs, int n, int at, Sample s, long seq) {
    int moved = Math.min(n, ranked.length - 1) - at;
    System.arraycopy(ranked, at, ranked, at + 1, moved);
    System.arraycopy(seqs, at, seqs, at + 1, moved);
    ranked[at] = s;
    seqs[at] = seq;
    return Math.min(n + 1, ranked.length);
  }

  /**
   * Whether {@code a} ranks before {@code b}: slower (or later), or as slow (as late) and earlier.
   */
  private static boolean before(Sample a, long aSeq, Sample b, long bSeq, boolean slowest) {
    int c = slowest ? Double.compare(a.ms, b.ms) : Long.compare(a.endEpochNanos, b.endEpochNanos);
    return c > 0 || c == 0 && aSeq < bSeq;
  }

  /** The earliest end of a call held; the newest end while none is. */
  public Instant start() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, slices[i].minEnd);
    }
    return Instant.ofEpochSecond(0, size == 0 ? newest : min);
  }

  public Instant end() {
    return Instant.ofEpochSecond(0, newest);
  }
}
