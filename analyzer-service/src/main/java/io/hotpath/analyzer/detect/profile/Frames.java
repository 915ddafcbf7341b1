package io.hotpath.analyzer.detect.profile;

import io.hotpath.contracts.telemetry.ProfileFrames;
import java.util.ArrayList;
import java.util.List;

/**
 * Frame names as the profile detectors compare them: {@link ProfileFrames} of {@code contracts}, so
 * that the analyzer and the tracker name one function alike (trimmed, without async-profiler's
 * frame-type suffix or a trailing line number; thread-name roots and placeholders dropped).
 *
 * <p>Every profile names the same functions again, each event with its own copies of the strings.
 * {@link #code} maps each frame through a fixed-size table of the frames seen lately (one slot per
 * hash, a newcomer replaces what held its slot), so the windows of all services hold one copy of a
 * function's name, and a frame seen before is not normalized again; the exemplar stacks that
 * windows keep are shared the same way. The tables' size is their bound: {@value #SLOTS} slots
 * each, a few MB at most.
 */
public final class Frames {
  /** Slots of the table of recent frames; a power of two. */
  static final int SLOTS = 1 << 15;

  /** A raw frame name, the function it stands for (shared), and whether that is code. */
  private record Known(String raw, String name, boolean code) {}

  // Slots are read and written without a lock: a Known is immutable (final fields are safely
  // published), and a lost write only costs one more normalization.
  private static final Known[] RAW = new Known[SLOTS];
  private static final String[] NAMES = new String[SLOTS];

  /** Exemplar stacks kept by windows, shared the same way (profiles repeat their stacks). */
  @SuppressWarnings("unchecked")
  private static final List<String>[] STACKS = new List[SLOTS];

  private Frames() {}

  /** The function a frame name stands for. */
  public static String normalize(String frame) {
    return ProfileFrames.normalize(frame);
  }

  /** True for a normalized name that is not a function: a thread root, a placeholder. */
  public static boolean isSynthetic(String normalized) {
    return ProfileFrames.isSynthetic(normalized);
  }

  /**
   * The code frames of a stack, normalized, root first; empty when none is code. Equal to {@link
   * ProfileFrames#code}, with names shared across calls.
   */
  public static List<String> code(List<String> frames) {
    List<String> code = new ArrayList<>(frames.size());
    for (String frame : frames) {
      Known known = known(frame);
      if (known.code()) {
        code.add(known.name());
      }
    }
    return List.copyOf(code);
  }

  private static Known known(String frame) {
    if (frame == null) {
      String name = normalize(null);
      return new Known(null, name, !isSynthetic(name));
    }
    int slot = slot(frame.hashCode());
    Known known = RAW[slot];
    if (known != null && (known.raw() == frame || known.raw().equals(frame))) {
      return known;
    }
    String name = shared(normalize(frame));
    known = new Known(frame.equals(name) ? name : frame, name, !isSynthetic(name));
    RAW[slot] = known;
    return known;
  }

  /** The copy of {@code name} the table holds, once it holds one: raw spellings share a name. */
  private static String shared(String name) {
    int slot = slot(name.hashCode());
    String held = NAMES[slot];
    if (name.equals(held)) {
      return held;
    }
    NAMES[slot] = name;
    return name;
  }

  /**
   * The copy of {@code stack} the table of recent stacks holds, once it holds one: windows keep a
   * stack per frame as its exemplar, and the same stacks come back in every profile.
   */
  static List<String> shared(List<String> stack) {
    int slot = slot(stack.hashCode());
    List<String> held = STACKS[slot];
    if (stack.equals(held)) {
      return held;
    }
    STACKS[slot] = stack;
    return stack;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 15)) & (SLOTS - 1);
  }

  /**
   * A profile value as a number of samples: sample counts as they are, time values divided by the
   * sampling period (10 ms when the profile does not say).
   */
  public static double samples(String unit, long periodNanos, long value) {
    return ProfileFrames.samples(unit, periodNanos, value);
  }

  /** A time value in milliseconds; NaN when {@code unit} is not a unit of time. */
  public static double millis(String unit, long value) {
    return ProfileFrames.millis(unit, value);
  }
}
