package io.hotpath.contracts.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Frame names as profiles are compared across Hotpath: trimmed, without async-profiler's frame-type
 * suffix ({@code _[j]}, {@code _[k]}, ...) or a trailing line number, so that one function is one
 * location whatever agent sent it. Frames that are not code (thread-name roots such as {@code
 * [pool-1-thread-3 tid=42]}, {@code [unknown]}, {@code root}) are dropped.
 */
public final class ProfileFrames {
  private static final Pattern TYPE_SUFFIX = Pattern.compile("_\\[[a-z0-9]\\]$");
  private static final Pattern LINE_NUMBER = Pattern.compile(":\\d+$");
  private static final Set<String> NOT_CODE =
      Set.of("", "root", "<root>", "all", "total", "unknown", "<unknown>", "[unknown]");

  private ProfileFrames() {}

  /** The longest name in {@link #NOT_CODE}: lower-casing never makes a name shorter. */
  private static final int LONGEST_NOT_CODE =
      NOT_CODE.stream().mapToInt(String::length).max().orElse(0);

  /** The function a frame name stands for. */
  public static String normalize(String frame) {
    String name = frame == null ? "" : frame.trim();
    // Every frame of every stack comes here: the patterns only run where they can match.
    if (endsWith(name, ']')) {
      name = TYPE_SUFFIX.matcher(name).replaceFirst("");
    }
    if (endsWithDigit(name)) {
      name = LINE_NUMBER.matcher(name).replaceFirst("");
    }
    return name.trim();
  }

  /** True for a normalized name that is not a function: a thread root, a placeholder. */
  public static boolean isSynthetic(String normalized) {
    return (normalized.length() <= LONGEST_NOT_CODE
            && NOT_CODE.contains(normalized.toLowerCase(Locale.ROOT)))
        || (normalized.startsWith("[") && normalized.endsWith("]"));
  }

  /**
   * Whether a name ends with {@code c}, or with a line terminator ({@code $} matches before it).
   */
  private static boolean endsWith(String name, char c) {
    return !name.isEmpty() && (name.charAt(name.length() - 1) == c || endsInLineTerminator(name));
  }

  private static boolean endsWithDigit(String name) {
    return !name.isEmpty()
        && (Character.isDigit(name.charAt(name.length() - 1)) || endsInLineTerminator(name));
  }

  private static boolean endsInLineTerminator(String name) {
    char last = name.charAt(name.length() - 1);
    return last == '\n' || last == '\r' || last == '\u0085' || last == '\u2028' || last == '\u2029';
  }

  /** The code frames of a stack, normalized, root first; empty when none is code. */
  public static List<String> code(List<String> frames) {
    List<String> code = new ArrayList<>(frames.size());
    for (String frame : frames) {
      String name = normalize(frame);
      if (!isSynthetic(name)) {
        code.add(name);
      }
    }
    return List.copyOf(code);
  }

  /**
   * A profile value as a number of samples: sample counts as they are, time values divided by the
   * sampling period (10 ms when the profile does not say).
   */
  public static double samples(String unit, long periodNanos, long value) {
    double nanos = nanos(unit, value);
    if (Double.isNaN(nanos)) {
      return value;
    }
    return nanos / (periodNanos > 0 ? periodNanos : 10_000_000L);
  }

  /** A time value in milliseconds; NaN when {@code unit} is not a unit of time. */
  public static double millis(String unit, long value) {
    return nanos(unit, value) / 1_000_000.0;
  }

  private static double nanos(String unit, long value) {
    return switch (unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT)) {
      case "nanoseconds", "nanosecond", "ns" -> value;
      case "microseconds", "microsecond", "us" -> value * 1_000.0;
      case "milliseconds", "millisecond", "ms" -> value * 1_000_000.0;
      case "seconds", "second", "s" -> value * 1_000_000_000.0;
      default -> Double.NaN;
    };
  }
}
