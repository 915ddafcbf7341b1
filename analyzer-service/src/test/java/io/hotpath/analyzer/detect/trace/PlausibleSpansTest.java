package io.hotpath.analyzer.detect.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpansReceived;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlausibleSpansTest {
  static final double DAY_MS = 24 * 3600 * 1000.0;

  static Span at(double startMs) {
    return Traces.span("t", Traces.id(), null, "x", SpanKind.SERVER, startMs, 10, Map.of());
  }

  @Test
  void dropsSpansFarFromTheirBatchTimeAndCountsThem() {
    Span fine = at(-3600_000);
    Span future = at(3 * DAY_MS);
    Span epoch =
        new Span("t", "e", null, "x", SpanKind.SERVER, 1_000_000, 2_000_000, null, Map.of());
    SpansReceived batch = Traces.batch(List.of(fine, future, epoch));

    PlausibleSpans.Checked checked = PlausibleSpans.check(batch, Duration.ofHours(24));

    assertThat(checked.dropped()).isEqualTo(2);
    assertThat(checked.batch().spans()).containsExactly(fine);
    assertThat(checked.batch().eventId()).isEqualTo(batch.eventId());
  }

  @Test
  void aPlausibleBatchIsPassedOnUnchanged() {
    SpansReceived batch = Traces.batch(List.of(at(0), at(5000)));

    PlausibleSpans.Checked checked = PlausibleSpans.check(batch, Duration.ofHours(24));

    assertThat(checked.dropped()).isZero();
    assertThat(checked.batch()).isSameAs(batch);
  }
}
