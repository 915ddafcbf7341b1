package io.hotpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.json.EventJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every detector benchmark runs on its realistic input and that input shows what the detector looks
 * for; untimed. The figures come from running the benchmarks jar, never from a test.
 */
class DetectorBenchmarksSmokeTest {
  final DetectorBenchmarks benchmarks = new DetectorBenchmarks();
  final DetectorBenchmarks.Detectors detectors = new DetectorBenchmarks.Detectors();
  final DetectorBenchmarks.Traces traces = new DetectorBenchmarks.Traces();
  final DetectorBenchmarks.Profiles profiles = new DetectorBenchmarks.Profiles();
  final DetectorBenchmarks.Metrics metrics = new DetectorBenchmarks.Metrics();
  final DetectorBenchmarks.Counters counters = new DetectorBenchmarks.Counters();

  DetectorBenchmarksSmokeTest() {
    detectors.build();
    traces.build();
    profiles.build();
    metrics.build();
  }

  static List<BottleneckType> types(List<Finding> findings) {
    return findings.stream().map(Finding::type).toList();
  }

  @Test
  void theSpanBatchesShowAnNPlusOneAndSequentialQueries() {
    assertThat(types(benchmarks.nPlusOne(detectors, traces, counters)))
        .contains(BottleneckType.N_PLUS_ONE);
    assertThat(types(benchmarks.sequentialQueries(detectors, traces, counters)))
        .contains(BottleneckType.SEQUENTIAL_QUERIES);
    assertThat(counters.items)
        .isEqualTo(2L * AnalyzerEvents.REQUESTS * AnalyzerEvents.SPANS_PER_REQUEST);
  }

  @Test
  void theProfilesShowAHotspotAndContention() {
    assertThat(types(benchmarks.cpuHotspot(detectors, profiles, counters)))
        .contains(BottleneckType.CPU_HOTSPOT);
    assertThat(types(benchmarks.lockContention(detectors, profiles, counters)))
        .contains(BottleneckType.LOCK_CONTENTION);
    assertThat(counters.items).isEqualTo(2L * profiles.cpu[0].stacks().size());
    assertThat(profiles.cpu[0].stacks()).hasSize(Payloads.STACKS);
  }

  @Test
  void everyBenchmarkRunsOverItsRing() {
    List<BottleneckType> found = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      found.addAll(types(benchmarks.slowQuery(detectors, traces, counters)));
      found.addAll(types(benchmarks.endpoint(detectors, traces, counters)));
      found.addAll(types(benchmarks.regression(detectors, traces, counters)));
      found.addAll(types(benchmarks.memoryLeak(detectors, metrics, counters)));
      found.addAll(types(benchmarks.cacheMissRate(detectors, metrics, counters)));
      found.addAll(types(benchmarks.dbPoolSaturation(detectors, metrics, counters)));
      found.addAll(types(benchmarks.endpointHistogram(detectors, metrics, counters)));
    }
    List<BottleneckDetected> all = benchmarks.allSpanDetectors(detectors, traces, counters);

    assertThat(found)
        .contains(
            BottleneckType.MEMORY_LEAK,
            BottleneckType.CACHE_MISS_RATE,
            BottleneckType.DB_POOL_SATURATION);
    assertThat(all).extracting(BottleneckDetected::type).contains(BottleneckType.N_PLUS_ONE);
    assertThat(EventJson.write(traces.batches[0]).length()).isBetween(20_000, 200_000);
  }

  @Test
  void consumeOptionsTableAndMetricsRead() {
    ConsumeBench.Options options =
        ConsumeBench.Options.parse("--events", "50", "--kinds", "traces,metrics");
    assertThat(options.events()).isEqualTo(50);
    assertThat(options.kinds()).containsExactly("traces", "metrics");
    assertThat(
            ConsumeBench.Analyzer.reports(
                """
                # TYPE hotpath_analyzer_reports_total counter
                hotpath_analyzer_reports_total{kind="spans",outcome="analyzed"} 40.0
                hotpath_analyzer_reports_total{kind="spans",outcome="repeat"} 2.0
                hotpath_analyzer_reports_total{kind="metrics",outcome="analyzed"} 7.0
                """,
                "spans"))
        .isEqualTo(42.0);
    ConsumeBench.Side raw = new ConsumeBench.Side(100, 1, 100, 5);
    ConsumeBench.Side analyzer = new ConsumeBench.Side(100, 2, 50, 2.5);
    String table =
        ConsumeBench.markdown(
            List.of(
                new ConsumeBench.Comparison(
                    "traces", "t", 100, 50_000, raw, analyzer, 0.5, 2.5, 3.25)));
    assertThat(table).contains("| traces | 100 | 50.0 kB | 100 | 5.0 | 50.0 | 2.5 | 50.0 % |");
  }
}
