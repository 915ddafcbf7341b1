package io.hotpath.analyzer.detect.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-frame sums of one profile or of a window of them: self (the frame is the stack's leaf), total
 * (the frame is on the stack; counted once per stack under recursion), the value that entered
 * through each child frame, and the heaviest stack through the frame.
 *
 * <p>A window keeps many of these for every service, so a frame's sums are plain fields and its
 * children two parallel arrays (no boxed values, no map per frame).
 */
public final class FrameTable {
  /** The sums of one frame. */
  public static final class Stat {
    private static final String[] NO_NAMES = {};
    private static final double[] NO_VALUES = {};

    private double self;
    private double total;
    private double asRoot;
    private double hottestValue = -1;
    private List<String> hottest = List.of();
    private String[] childNames = NO_NAMES;
    private double[] childValues = NO_VALUES;
    private int children;

    /** The stack this frame was last counted for: a recursive frame counts once per stack. */
    private long stamp = -1;

    public double self() {
      return self;
    }

    public double total() {
      return total;
    }

    /** The heaviest stack through this frame, root first. */
    public List<String> hottestStack() {
      return hottest;
    }

    /** True when the frame is (almost) only ever the outermost code frame: a thread entry. */
    boolean isRoot() {
      return asRoot >= 0.99 * total;
    }

    /** The largest share of this frame's total that entered one child frame. */
    double dominantChildShare() {
      double max = 0;
      for (int i = 0; i < children; i++) {
        max = Math.max(max, childValues[i]);
      }
      return total > 0 ? max / total : 0;
    }

    private void addChild(String child, double value) {
      for (int i = 0; i < children; i++) {
        String name = childNames[i];
        if (name == child || (name.hashCode() == child.hashCode() && name.equals(child))) {
          childValues[i] += value;
          return;
        }
      }
      if (children == childNames.length) {
        int capacity = Math.max(4, children * 2);
        childNames = Arrays.copyOf(childNames, capacity);
        childValues = Arrays.copyOf(childValues, capacity);
      }
      childNames[children] = child;
      childValues[children] = value;
      children++;
    }

    private void add(Stat other) {
      self += other.self;
      total += other.total;
      asRoot += other.asRoot;
      if (other.hottestValue > hottestValue) {
        hottestValue = other.hottestValue;
        hottest = other.hottest;
      }
      for (int i = 0; i < other.children; i++) {
        addChild(other.childNames[i], other.childValues[i]);
      }
    }

    /** As {@link #add(Stat)}, from frame {@code f} of a frozen table. */
    private void add(Frozen from, int f) {
      self += from.sums[4 * f];
      total += from.sums[4 * f + 1];
      asRoot += from.sums[4 * f + 2];
      if (from.sums[4 * f + 3] > hottestValue) {
        hottestValue = from.sums[4 * f + 3];
        hottest = from.hottest(f);
      }
      for (int c = from.firstChild[f]; c < from.firstChild[f + 1]; c++) {
        addChild(from.childNames[c], from.childValues[c]);
      }
    }

    /** A copy with at most {@code maxChildren} children, the heaviest, in arrays of that size. */
    private Stat copy(int maxChildren) {
      Stat to = new Stat();
      to.self = self;
      to.total = total;
      to.asRoot = asRoot;
      to.hottestValue = hottestValue;
      to.hottest = Frames.shared(hottest);
      int kept = Math.min(maxChildren, children);
      if (kept > 0) {
        to.childNames = new String[kept];
        to.childValues = new double[kept];
        if (kept == children) {
          System.arraycopy(childNames, 0, to.childNames, 0, kept);
          System.arraycopy(childValues, 0, to.childValues, 0, kept);
        } else {
          // The heaviest first; of equal values the earlier, as a stable sort would order them.
          boolean[] taken = new boolean[children];
          for (int k = 0; k < kept; k++) {
            int best = -1;
            for (int i = 0; i < children; i++) {
              if (!taken[i] && (best < 0 || childValues[i] > childValues[best])) {
                best = i;
              }
            }
            taken[best] = true;
            to.childNames[k] = childNames[best];
            to.childValues[k] = childValues[best];
          }
        }
        to.children = kept;
      }
      return to;
    }

    /** About how many bytes this frame's sums take (not its names, which are shared). */
    long bytes() {
      return 88 + (childNames.length > 0 ? 32 + 12L * childNames.length : 0);
    }
  }

  /**
   * A table that no longer changes, as a window keeps it: its frames in arrays (about 60 bytes a
   * frame instead of 160), in the order the table iterated them, so that adding it to a table is
   * exactly adding the table it was made from.
   */
  public static final class Frozen {
    static final Frozen EMPTY = new FrameTable().freeze();

    private final double total;
    private final String[] names;

    /** Per frame: self, total, as root, hottest value. */
    private final double[] sums;

    private final List<?>[] hottest;

    /** Frame {@code f}'s children are {@code firstChild[f]} to {@code firstChild[f + 1]}. */
    private final int[] firstChild;

    private final String[] childNames;
    private final double[] childValues;

    private Frozen(FrameTable table) {
      int n = table.stats.size();
      int links = 0;
      for (Stat stat : table.stats.values()) {
        links += stat.children;
      }
      total = table.total;
      names = new String[n];
      sums = new double[4 * n];
      hottest = new List<?>[n];
      firstChild = new int[n + 1];
      childNames = new String[links];
      childValues = new double[links];
      int f = 0;
      int c = 0;
      for (Map.Entry<String, Stat> e : table.stats.entrySet()) {
        Stat stat = e.getValue();
        names[f] = e.getKey();
        sums[4 * f] = stat.self;
        sums[4 * f + 1] = stat.total;
        sums[4 * f + 2] = stat.asRoot;
        sums[4 * f + 3] = stat.hottestValue;
        hottest[f] = stat.hottest;
        firstChild[f] = c;
        for (int i = 0; i < stat.children; i++) {
          childNames[c] = stat.childNames[i];
          childValues[c] = stat.childValues[i];
          c++;
        }
        f++;
      }
      firstChild[n] = c;
    }

    public double total() {
      return total;
    }

    @SuppressWarnings("unchecked")
    private List<String> hottest(int f) {
      return (List<String>) hottest[f];
    }

    /** A table holding what this one holds, to add to. */
    public FrameTable thaw() {
      // Put, as compact() filled the table this was made from: a map grown by put iterates in
      // the same order as that table (computeIfAbsent grows the map one entry later).
      FrameTable table = new FrameTable();
      table.total = total;
      for (int f = 0; f < names.length; f++) {
        Stat stat = new Stat();
        stat.add(this, f);
        table.stats.put(names[f], stat);
      }
      return table;
    }

    /** Adds every sum of this table to {@code table}, as {@link FrameTable#addAll} would. */
    public void addTo(FrameTable table) {
      table.total += total;
      for (int f = 0; f < names.length; f++) {
        table.stats.computeIfAbsent(names[f], name -> new Stat()).add(this, f);
      }
    }

    /** About how many bytes this table takes, its frames' names and exemplar stacks aside. */
    public long bytes() {
      return 120 + 48L * names.length + 12L * childNames.length;
    }
  }

  private final Map<String, Stat> stats = new HashMap<>();
  private double total;
  private long stacks;

  /** Adds one stack (code frames, root first) holding {@code value}; ignores empty or no value. */
  public void add(List<String> stack, double value) {
    add(stack, stack.size() - 1, value);
  }

  /**
   * Adds one stack whose value belongs to the frame at {@code leaf}: the frames below it are kept
   * in the exemplar stack only.
   */
  public void add(List<String> stack, int leaf, double value) {
    if (stack.isEmpty()
        || leaf < 0
        || leaf >= stack.size()
        || !(value > 0)
        || !Double.isFinite(value)) {
      return;
    }
    total += value;
    long stamp = stacks++;
    Stat stat = null;
    for (int i = 0; i <= leaf; i++) {
      stat = stats.computeIfAbsent(stack.get(i), f -> new Stat());
      if (stat.stamp == stamp) {
        continue;
      }
      stat.stamp = stamp;
      stat.total += value;
      if (i == 0) {
        stat.asRoot += value;
      }
      if (i < leaf) {
        stat.addChild(stack.get(i + 1), value);
      }
      if (value > stat.hottestValue) {
        stat.hottestValue = value;
        stat.hottest = stack;
      }
    }
    stat.self += value;
  }

  /**
   * Counts {@code value} in the total without a frame: samples with no code frame (a thread running
   * only in the VM, say) still take their share.
   */
  public void addUnattributed(double value) {
    if (value > 0 && Double.isFinite(value)) {
      total += value;
    }
  }

  /** Adds every sum of {@code other} to this table. */
  public void addAll(FrameTable other) {
    total += other.total;
    other.stats.forEach((frame, stat) -> stats.computeIfAbsent(frame, f -> new Stat()).add(stat));
  }

  /**
   * This table without the frames below {@code minShare} of the total, at most {@code maxFrames}
   * frames (the heaviest by total) with at most {@code maxChildren} children each. The total stays,
   * so shares computed from the compact table are the true ones.
   */
  public FrameTable compact(double minShare, int maxFrames, int maxChildren) {
    FrameTable compact = new FrameTable();
    compact.total = total;
    List<Map.Entry<String, Stat>> kept = new ArrayList<>();
    for (Map.Entry<String, Stat> e : stats.entrySet()) {
      Stat stat = e.getValue();
      if (stat.total >= minShare * total || stat.self >= minShare * total) {
        kept.add(e);
      }
    }
    kept.sort(Comparator.comparingDouble((Map.Entry<String, Stat> e) -> -e.getValue().total));
    for (int i = 0; i < Math.min(maxFrames, kept.size()); i++) {
      Map.Entry<String, Stat> e = kept.get(i);
      compact.stats.put(e.getKey(), e.getValue().copy(maxChildren));
    }
    return compact;
  }

  public double total() {
    return total;
  }

  /** This table as it is now, in arrays; a window keeps its compacted slices so. */
  public Frozen freeze() {
    return new Frozen(this);
  }

  public Map<String, Stat> frames() {
    return stats;
  }

  /** About how many bytes this table takes, its frames' names and exemplar stacks aside. */
  public long bytes() {
    long bytes = 64 + 48L * stats.size();
    for (Stat stat : stats.values()) {
      bytes += stat.bytes();
    }
    return bytes;
  }

  /** The {@code n} frames with the largest self value, largest first. */
  public List<Map.Entry<String, Stat>> topSelf(int n) {
    List<Map.Entry<String, Stat>> top = new ArrayList<>(stats.entrySet());
    top.removeIf(e -> e.getValue().self <= 0);
    top.sort(Comparator.comparingDouble((Map.Entry<String, Stat> e) -> -e.getValue().self));
    return top.subList(0, Math.min(n, top.size()));
  }
}
