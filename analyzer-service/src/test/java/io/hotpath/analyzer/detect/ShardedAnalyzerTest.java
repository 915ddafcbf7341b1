package io.hotpath.analyzer.detect;

import static io.hotpath.analyzer.detect.StartupReports.T0;
import static io.hotpath.analyzer.detect.StartupReports.phase;
import static io.hotpath.analyzer.detect.StartupReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.telemetry.StartupReported;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShardedAnalyzerTest {
  /** Every bottleneck is published from its first sighting. */
  static final Thresholds ONE_SIGHTING =
      (tenant, service, key, fallback) -> key.endsWith("min-sightings") ? 1 : fallback;

  /** Remembers the services it observed: a stand-in for a detector's per-service windows. */
  static final class ServicesSeen implements SignalDetector<StartupReported> {
    final Set<String> services = new HashSet<>();

    @Override
    public Class<StartupReported> input() {
      return StartupReported.class;
    }

    @Override
    public List<Finding> observe(StartupReported event, Thresholds thresholds) {
      services.add(event.service());
      return List.of();
    }
  }

  final List<ServicesSeen> seen = new ArrayList<>();

  final MutableClock clock = new MutableClock(T0);

  ShardedAnalyzer analyzer(int shards) {
    List<ShardedAnalyzer.Shard> analyzers = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      ServicesSeen detector = new ServicesSeen();
      seen.add(detector);
      analyzers.add(
          new ShardedAnalyzer.Shard(
              new BottleneckAnalyzer(
                  List.of(),
                  List.of(detector, new StartupPhaseDetector(1000)),
                  ONE_SIGHTING,
                  new Sightings(1000),
                  (d, e, f) -> {}),
              new NoiseGate(
                  new NoiseGate.Settings(0.25, Duration.ofMinutes(10), Duration.ofMinutes(30), 100),
                  ONE_SIGHTING,
                  clock)));
    }
    return new ShardedAnalyzer(analyzers);
  }

  @Test
  void everyEventOfOneServiceIsAnalyzedInTheSameShardAndOnlyThere() {
    ShardedAnalyzer analyzer = analyzer(8);

    for (int i = 0; i < 2_000; i++) {
      analyzer.analyze(report(UUID.randomUUID(), "svc-" + (i % 500), T0.plusSeconds(i)));
    }

    Set<String> all = new HashSet<>();
    for (int shard = 0; shard < 8; shard++) {
      for (String service : seen.get(shard).services) {
        assertThat(all.add(service)).as("%s seen by a second shard", service).isTrue();
        StartupReported probe = report(UUID.randomUUID(), service, T0);
        assertThat(analyzer.shardOf(probe)).isEqualTo(shard);
        assertThat(analyzer.shardOfKey(PartitionKeys.of(probe))).isEqualTo(shard);
      }
    }
    assertThat(all).hasSize(500);
  }

  @Test
  void servicesAreSpreadOverEveryShard() {
    ShardedAnalyzer analyzer = analyzer(8);

    for (int i = 0; i < 1_000; i++) {
      analyzer.analyze(report(UUID.randomUUID(), "svc-" + i, T0));
    }

    // 125 per shard if even; a hash that sent most services to a few shards fails this.
    assertThat(seen).allSatisfy(d -> assertThat(d.services).hasSizeBetween(60, 190));
  }

  @Test
  void aServiceKeepsItsHistoryAcrossEventsBecauseItsSightingsAreInItsShard() {
    ShardedAnalyzer analyzer = analyzer(4);
    BottleneckDetected last = null;

    // Each phase a third longer than the last, so each is news and published again.
    long[] phaseMillis = {2300, 3100, 4200};
    for (int i = 0; i < 3; i++) {
      List<BottleneckDetected> found =
          analyzer.analyze(
              report(
                  UUID.randomUUID(),
                  "checkout",
                  T0.plusSeconds(i),
                  phase("hibernate", phaseMillis[i])));
      assertThat(found).hasSize(1);
      analyzer.published(found);
      last = found.get(0);
    }

    assertThat(last.occurrences()).isEqualTo(3);
    assertThat(last.firstSeen()).isEqualTo(T0);
  }

  @Test
  void eachShardsGateHearsOfItsOwnPublicationsAndTellsWhatIsGone() {
    ShardedAnalyzer analyzer = analyzer(8);
    List<BottleneckDetected> first = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      first.addAll(
          analyzer.analyze(report(UUID.randomUUID(), "svc-" + i, T0, phase("hibernate", 2300))));
    }
    assertThat(first).hasSize(40);

    analyzer.published(first);
    List<BottleneckDetected> again = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      again.addAll(
          analyzer.analyze(
              report(UUID.randomUUID(), "svc-" + i, T0.plusSeconds(60), phase("hibernate", 2300))));
    }
    // Acknowledged, and the same impact within the refresh: no shard publishes it again.
    assertThat(again).isEmpty();

    // Half of the services keep reporting without the slow phase; the other half go silent.
    clock.advance(Duration.ofMinutes(31));
    for (int i = 0; i < 20; i++) {
      analyzer.analyze(report(UUID.randomUUID(), "svc-" + i, clock.instant()));
    }
    List<BottleneckDetected> gone = analyzer.gone();
    assertThat(gone)
        .extracting(BottleneckDetected::service)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, 20).mapToObj(i -> "svc-" + i).toList());
  }

  @Test
  void oneShardIsTheWholeAnalysis() {
    ShardedAnalyzer analyzer = analyzer(1);

    analyzer.analyze(report(UUID.randomUUID(), "a", T0));
    analyzer.analyze(report(UUID.randomUUID(), "b", T0));

    assertThat(seen.get(0).services).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void anAnalyzerWithoutShardsIsRefused() {
    assertThatThrownBy(() -> new ShardedAnalyzer(List.<ShardedAnalyzer.Shard>of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one shard");
  }
}
