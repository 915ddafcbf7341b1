package io.hotpath.analyzer.detect.profile;

import io.hotpath.contracts.telemetry.ProfileFrames;
import java.util.List;

/**
 * Frame names as the profile detectors compare them: {@link ProfileFrames} of {@code contracts}, so
 * that the analyzer and the tracker name one function alike (trimmed, without async-profiler's
 * frame-type suffix or a trailing line number; thread-name roots and placeholders dropped).
 */
public final class Frames {
  private Frames() {}

  /** The function a frame name stands for. */
  public static String normalize(String frame) {
    return ProfileFrames.normalize(frame);
  }

  /** True for a normalized name that is not a function: a thread root, a placeholder. */
  public static boolean isSynthetic(String normalized) {
    return ProfileFrames.isSynthetic(normalized);
  }

  /** The code frames of a stack, normalized, root first; empty when none is code. */
  public static List<String> code(List<String> frames) {
    return ProfileFrames.code(frames);
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
