package io.hotpath.analyzer.detect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one rule the windowed detectors share for telemetry timed in the future: further ahead of the
 * detector's clock than {@link #TOLERANCE} is implausible and skipped, so that one such event
 * cannot stall the windows.
 */
public final class FutureTimes {
  /** How far ahead of the clock telemetry may be timed (agents' clocks drift). */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private FutureTimes() {}

  /** True for a time too far ahead of {@code clock}. */
  public static boolean implausible(Instant time, Clock clock) {
    return time.isAfter(clock.instant().plus(TOLERANCE));
  }
}
