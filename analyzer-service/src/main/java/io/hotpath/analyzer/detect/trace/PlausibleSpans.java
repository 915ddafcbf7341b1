package io.hotpath.analyzer.detect.trace;

import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps spans with absurd timestamps out of the windows: a span that ended further than the
 * tolerance from its batch's event time (a clock at 1970, a nanosecond value sent as milliseconds)
 * would otherwise push every window's clock years ahead or behind; a span that started that far
 * away lasted absurdly long.
 */
public final class PlausibleSpans {
  private PlausibleSpans() {}

  /** The batch and how many of its spans were dropped. */
  public record Checked(SpansReceived batch, int dropped) {}

  public static Checked check(SpansReceived batch, Duration tolerance) {
    Instant at = batch.eventTime();
    long toleranceNanos = tolerance.toNanos();
    // Saturating, so an event time past 2262 or a span at Long.MIN_VALUE cannot wrap around.
    long center = saturatedNanos(at);
    long earliest =
        center < Long.MIN_VALUE + toleranceNanos ? Long.MIN_VALUE : center - toleranceNanos;
    long latest =
        center > Long.MAX_VALUE - toleranceNanos ? Long.MAX_VALUE : center + toleranceNanos;
    List<Span> kept =
        batch.spans().stream()
            .filter(
                s ->
                    s.endEpochNanos() >= earliest
                        && s.endEpochNanos() <= latest
                        && s.startEpochNanos() >= earliest
                        && s.startEpochNanos() <= latest)
            .toList();
    int dropped = batch.spans().size() - kept.size();
    if (dropped == 0) {
      return new Checked(batch, 0);
    }
    return new Checked(
        new SpansReceived(
            batch.eventId(),
            batch.schemaVersion(),
            batch.tenant(),
            batch.service(),
            batch.environment(),
            batch.version(),
            batch.instance(),
            batch.eventTime(),
            kept),
        dropped);
  }

  private static long saturatedNanos(Instant at) {
    try {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    } catch (ArithmeticException e) {
      return at.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
