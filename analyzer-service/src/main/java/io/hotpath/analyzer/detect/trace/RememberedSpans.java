package io.hotpath.analyzer.detect.trace;

/**
 * Spans remembered by trace and span id (the hex ids OTLP uses, as three longs), with their name
 * and end, oldest first: a ring of primitive columns and an open-addressing index into it. A
 * service remembers up to thousands of spans for a minute; as map entries, each was a key, a value
 * and an entry object (about 120 bytes, three objects the collector copies and promotes), here it
 * is 36 bytes of columns and 8 of index.
 *
 * <p>Not thread-safe: one detector's state for one service.
 */
final class RememberedSpans {
  /** The object, its arrays' headers, and the fields. */
  private static final int FIXED_BYTES = 48 + 6 * 16;

  /** Per slot: four longs and a reference; per index cell an int. */
  private static final int SLOT_BYTES = 4 * 8 + 4;

  private static final int MIN_CAPACITY = 16;

  private final int max;

  private long[] trace0 = new long[MIN_CAPACITY];
  private long[] trace1 = new long[MIN_CAPACITY];
  private long[] spanIds = new long[MIN_CAPACITY];
  private long[] ends = new long[MIN_CAPACITY];
  private String[] names = new String[MIN_CAPACITY];
  private int head;
  private int size;

  /**
   * Ring slot + 1 of each remembered span at the cell its ids hash to or after (linear probing); 0
   * is empty. At least twice the ring's capacity, so it is at most half full.
   */
  private int[] index = new int[2 * MIN_CAPACITY];

  /**
   * @param max the most spans remembered: past it, the oldest is forgotten
   */
  RememberedSpans(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.max = max;
  }

  int size() {
    return size;
  }

  /** An estimate of the heap this holds: its arrays at their capacity. */
  long bytes() {
    return FIXED_BYTES + (long) names.length * SLOT_BYTES + 4L * index.length;
  }

  /**
   * Remembers a span's name and end. A span remembered already keeps its place in the order and
   * takes the new name and end; otherwise, past {@code max}, the oldest is forgotten.
   */
  void remember(long t0, long t1, long span, String name, long endNanos) {
    int at = find(t0, t1, span);
    if (at >= 0) {
      names[at] = name;
      ends[at] = endNanos;
      return;
    }
    if (size == max) {
      forgetOldest();
    }
    if (size == names.length) {
      resize(Math.min(max, 2 * names.length));
    }
    int slot = slot(size);
    trace0[slot] = t0;
    trace1[slot] = t1;
    spanIds[slot] = span;
    ends[slot] = endNanos;
    names[slot] = name;
    size++;
    index(slot);
  }

  /** Puts the span at ring slot {@code slot} in the index, at its cell or the next empty one. */
  private void index(int slot) {
    int cell = cell(trace0[slot], trace1[slot], spanIds[slot]);
    while (index[cell] != 0) {
      cell = (cell + 1) & (index.length - 1);
    }
    index[cell] = slot + 1;
  }

  /** The name of a remembered span, or null. */
  String name(long t0, long t1, long span) {
    int at = find(t0, t1, span);
    return at < 0 ? null : names[at];
  }

  /** Forgets the oldest spans while they ended before {@code cutoffNanos}. */
  void forgetEndedBefore(long cutoffNanos) {
    while (size > 0 && ends[head] < cutoffNanos) {
      forgetOldest();
    }
    int capacity = names.length;
    while (capacity > MIN_CAPACITY && size < capacity / 4) {
      capacity /= 2;
    }
    if (capacity < names.length) {
      resize(Math.max(MIN_CAPACITY, capacity));
    }
  }

  private int slot(int i) {
    int s = head + i;
    return s < names.length ? s : s - names.length;
  }

  private int cell(long t0, long t1, long span) {
    long h = t0 * 0x9E3779B97F4A7C15L ^ t1 * 0xC2B2AE3D27D4EB4FL ^ span * 0x165667B19E3779F9L;
    return (int) (h ^ h >>> 32) & (index.length - 1);
  }

  /** The ring slot of a remembered span, or -1. */
  private int find(long t0, long t1, long span) {
    int cell = cell(t0, t1, span);
    while (index[cell] != 0) {
      int slot = index[cell] - 1;
      if (spanIds[slot] == span && trace0[slot] == t0 && trace1[slot] == t1) {
        return slot;
      }
      cell = (cell + 1) & (index.length - 1);
    }
    return -1;
  }

  private void forgetOldest() {
    int slot = head;
    int cell = cell(trace0[slot], trace1[slot], spanIds[slot]);
    while (index[cell] != slot + 1) {
      cell = (cell + 1) & (index.length - 1);
    }
    removeCell(cell);
    names[slot] = null;
    head = slot(1);
    size--;
  }

  /**
   * Empties a cell and moves later cells of the same run back into the gap, so that every span is
   * still found from its hash without tombstones.
   */
  private void removeCell(int gap) {
    int mask = index.length - 1;
    int cell = (gap + 1) & mask;
    while (index[cell] != 0) {
      int slot = index[cell] - 1;
      int home = cell(trace0[slot], trace1[slot], spanIds[slot]);
      // The entry may move to the gap unless its home lies after the gap, up to the cell itself.
      boolean homeBetween = gap <= cell ? gap < home && home <= cell : gap < home || home <= cell;
      if (!homeBetween) {
        index[gap] = index[cell];
        gap = cell;
      }
      cell = (cell + 1) & mask;
    }
    index[gap] = 0;
  }

  /** Copies the ring into arrays of {@code capacity}, the oldest at 0, and rebuilds the index. */
  private void resize(int capacity) {
    trace0 = unwrap(trace0, capacity);
    trace1 = unwrap(trace1, capacity);
    spanIds = unwrap(spanIds, capacity);
    ends = unwrap(ends, capacity);
    String[] kept = new String[capacity];
    for (int i = 0; i < size; i++) {
      kept[i] = names[slot(i)];
    }
    names = kept;
    head = 0;
    index = new int[Integer.highestOneBit(Math.max(1, capacity - 1)) << 2];
    for (int slot = 0; slot < size; slot++) {
      index(slot);
    }
  }

  private long[] unwrap(long[] column, int capacity) {
    long[] copy = new long[capacity];
    for (int i = 0; i < size; i++) {
      copy[i] = column[slot(i)];
    }
    return copy;
  }

  @Override
  public String toString() {
    return "RememberedSpans[size=" + size + ", capacity=" + names.length + "]";
  }

  /** For tests: the names from the oldest on. */
  String[] namesInOrder() {
    String[] inOrder = new String[size];
    for (int i = 0; i < size; i++) {
      inOrder[i] = names[slot(i)];
    }
    return inOrder;
  }
}
