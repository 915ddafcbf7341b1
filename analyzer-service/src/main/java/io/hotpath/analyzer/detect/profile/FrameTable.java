package io.hotpath.analyzer.detect.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-frame sums of one profile or of a window of them: self (the frame is the stack's leaf), total
 * (the frame is on the stack; counted once per stack under recursion), the value that entered
 * through each child frame, and the heaviest stack through the frame.
 */
public final class FrameTable {
  /** The sums of one frame. */
  public static final class Stat {
    private double self;
    private double total;
    private double asRoot;
    private double hottestValue = -1;
    private List<String> hottest = List.of();
    private final Map<String, Double> children = new HashMap<>();

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
      for (double value : children.values()) {
        max = Math.max(max, value);
      }
      return total > 0 ? max / total : 0;
    }

    private void add(Stat other) {
      self += other.self;
      total += other.total;
      asRoot += other.asRoot;
      if (other.hottestValue > hottestValue) {
        hottestValue = other.hottestValue;
        hottest = other.hottest;
      }
      other.children.forEach((child, value) -> children.merge(child, value, Double::sum));
    }
  }

  private final Map<String, Stat> stats = new HashMap<>();
  private double total;

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
    Set<String> seen = new HashSet<>();
    for (int i = 0; i <= leaf; i++) {
      String frame = stack.get(i);
      if (!seen.add(frame)) {
        continue;
      }
      Stat stat = stats.computeIfAbsent(frame, f -> new Stat());
      stat.total += value;
      if (i == 0) {
        stat.asRoot += value;
      }
      if (i < leaf) {
        stat.children.merge(stack.get(i + 1), value, Double::sum);
      }
      if (value > stat.hottestValue) {
        stat.hottestValue = value;
        stat.hottest = stack;
      }
    }
    stats.get(stack.get(leaf)).self += value;
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
    stats.entrySet().stream()
        .filter(
            e -> e.getValue().total >= minShare * total || e.getValue().self >= minShare * total)
        .sorted(Comparator.comparingDouble((Map.Entry<String, Stat> e) -> -e.getValue().total))
        .limit(maxFrames)
        .forEach(
            e -> {
              Stat from = e.getValue();
              Stat to = new Stat();
              to.self = from.self;
              to.total = from.total;
              to.asRoot = from.asRoot;
              to.hottestValue = from.hottestValue;
              to.hottest = from.hottest;
              from.children.entrySet().stream()
                  .sorted(
                      Comparator.comparingDouble((Map.Entry<String, Double> c) -> -c.getValue()))
                  .limit(maxChildren)
                  .forEach(c -> to.children.put(c.getKey(), c.getValue()));
              compact.stats.put(e.getKey(), to);
            });
    return compact;
  }

  public double total() {
    return total;
  }

  public Map<String, Stat> frames() {
    return stats;
  }

  /** The {@code n} frames with the largest self value, largest first. */
  public List<Map.Entry<String, Stat>> topSelf(int n) {
    List<Map.Entry<String, Stat>> top = new ArrayList<>(stats.entrySet());
    top.removeIf(e -> e.getValue().self <= 0);
    top.sort(Comparator.comparingDouble((Map.Entry<String, Stat> e) -> -e.getValue().self));
    return top.subList(0, Math.min(n, top.size()));
  }
}
