package io.hotpath.analyzer.detect.trace;

import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps spans with absurd timestamps out of the windows: a span that ended further than the
 * tolerance from its batch's event time (a clock at 1970, a nanosecond value sent as milliseconds)
 * would otherwise push every window's clock years ahead or behind.
 */
public final class PlausibleSpans {
  private PlausibleSpans() {}

  /** The batch and how many of its spans were dropped. */
  public record Checked(SpansReceived batch, int dropped) {}

  public static Checked check(SpansReceived batch, Duration tolerance) {
    Instant at = batch.eventTime();
    long toleranceNanos = tolerance.toNanos();
    long center = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    List<Span> kept =
        batch.spans().stream()
            .filter(s -> Math.abs(s.endEpochNanos() - center) <= toleranceNanos)
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
}
