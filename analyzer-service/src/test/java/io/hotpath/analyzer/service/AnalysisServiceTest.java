package io.hotpath.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.MutableClock;
import io.hotpath.analyzer.detect.NoiseGate;
import io.hotpath.analyzer.detect.ShardedAnalyzer;
import io.hotpath.analyzer.detect.Sightings;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.query.SlowQueryDetector;
import io.hotpath.analyzer.detect.trace.NPlusOneDetector;
import io.hotpath.analyzer.detect.trace.Traces;
import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisServiceTest {
  static final Thresholds DEFAULTS = (t, s, k, fallback) -> fallback;
  static final String ITEMS = "select * from items where order_id = {n}";

  static AnalyzerConfig config() {
    return new AnalyzerConfig() {
      @Override
      public Startup startup() {
        return () -> 1000;
      }

      @Override
      public int seenEventIds() {
        return 1000;
      }

      @Override
      public int trackedBottlenecks() {
        return 1000;
      }

      @Override
      public Duration publishTimeout() {
        return Duration.ofSeconds(30);
      }

      @Override
      public Noise noise() {
        return null;
      }

      @Override
      public Rebuild rebuild() {
        return null;
      }

      @Override
      public int concurrency() {
        return 1;
      }

      @Override
      public int shards() {
        return 1;
      }

      @Override
      public Duration spanTimeTolerance() {
        return Duration.ofHours(24);
      }

      @Override
      public io.quarkus.runtime.configuration.MemorySize stateBudget() {
        return new io.quarkus.runtime.configuration.MemorySize(
            java.math.BigInteger.valueOf(64L << 20));
      }
    };
  }

  final RecentEventIds seen = new RecentEventIds(1000);
  final AnalysisService service =
      new AnalysisService(
          ShardedAnalyzer.of(
              new BottleneckAnalyzer(
                  List.of(),
                  List.of(new NPlusOneDetector(), new SlowQueryDetector()),
                  DEFAULTS,
                  new Sightings(1000),
                  (d, e, f) -> {}),
              new NoiseGate(
                  new NoiseGate.Settings(
                      0.25, Duration.ofMinutes(10), Duration.ofMinutes(30), 1000),
                  DEFAULTS,
                  new MutableClock(Traces.T0))),
          seen,
          config(),
          new AnalyzerMetrics(new SimpleMeterRegistry()));

  static SpansReceived slowCalls(double startMs, int count) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      spans.add(
          Traces.span(
              Traces.id(),
              Traces.id(),
              "p",
              "SELECT",
              SpanKind.CLIENT,
              startMs + i * 1000,
              300,
              Map.of("db.system", "postgresql", "db.statement", "select * from t where id = 1")));
    }
    return Traces.batch(spans);
  }

  @Test
  void replayedEventsRebuildTheWindowsSoTheNextLiveEventSeesThem() {
    service.replay(slowCalls(0, 3));
    service.replay(slowCalls(10_000, 2));

    List<BottleneckDetected> live = service.analyze(slowCalls(20_000, 1));

    assertThat(live)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.type()).isEqualTo(BottleneckType.SLOW_QUERY);
              assertThat(b.evidence().measurements()).containsEntry(EvidenceKeys.CALLS, 6.0);
              assertThat(b.occurrences()).isEqualTo(2);
            });
  }

  @Test
  void whatAReplayedEventShowedCountsAsPublishedAlready() {
    SpansReceived before = Traces.batch(Traces.nPlusOne("/orders", ITEMS, 6, 12));
    service.replay(before);

    assertThat(seen.contains(before.eventId())).isTrue();
    assertThat(service.analyze(Traces.batch(Traces.nPlusOne("/orders", ITEMS, 6, 12))))
        .as("the same problem, unchanged, was published before the restart")
        .isEmpty();
  }

  @Test
  void withoutAReplayTheSameEventIsPublished() {
    assertThat(service.analyze(Traces.batch(Traces.nPlusOne("/orders", ITEMS, 6, 12)))).hasSize(1);
  }
}
