package io.hotpath.analyzer.detect.metric;

import static io.hotpath.analyzer.detect.metric.Metrics.DEFAULTS;
import static io.hotpath.analyzer.detect.metric.Metrics.T0;
import static io.hotpath.analyzer.detect.metric.Metrics.gauge;
import static io.hotpath.analyzer.detect.metric.Metrics.metrics;
import static io.hotpath.analyzer.detect.metric.Metrics.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotpath.analyzer.detect.Finding;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.bottleneck.EvidenceKeys;
import io.hotpath.contracts.bottleneck.Severity;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.StackSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class MemoryLeakDetectorTest {
  static final double MB = 1024 * 1024;
  final MemoryLeakDetector detector = new MemoryLeakDetector(100, 64, 1440, Metrics.CLOCK);

  /** Feeds heap-after-GC of two heap pools every 30 s; {@code mb} gives the total at a minute. */
  private List<Finding> heapAfterGc(int minutes, DoubleUnaryOperator mb) {
    List<Finding> last = List.of();
    for (int s = 0; s <= minutes * 60; s += 30) {
      Instant at = T0.plusSeconds(s);
      double total = mb.applyAsDouble(s / 60.0);
      last =
          detector.observe(
              metrics(
                  gauge(
                      "jvm.memory.used_after_last_gc",
                      "By",
                      at,
                      (total - 20) * MB,
                      Map.of("jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Old Gen")),
                  gauge(
                      "jvm.memory.used_after_last_gc",
                      "By",
                      at,
                      20 * MB,
                      Map.of(
                          "jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Survivor Space")),
                  gauge(
                      "jvm.memory.used_after_last_gc",
                      "By",
                      at,
                      900 * MB,
                      Map.of("jvm.memory.type", "non_heap", "jvm.memory.pool.name", "Metaspace"))),
              DEFAULTS);
    }
    return last;
  }

  /** Feeds heap used (no after-GC signal) every 30 s. */
  private List<Finding> heapUsed(int minutes, DoubleUnaryOperator mb) {
    List<Finding> last = List.of();
    for (int s = 0; s <= minutes * 60; s += 30) {
      Instant at = T0.plusSeconds(s);
      last =
          detector.observe(
              metrics(
                  gauge(
                      "jvm.memory.used",
                      "By",
                      at,
                      mb.applyAsDouble(s / 60.0) * MB,
                      Map.of("jvm.memory.type", "heap", "jvm.memory.pool.name", "G1 Eden Space"))),
              DEFAULTS);
    }
    return last;
  }

  /** A sawtooth: from {@code floor} up by 600 MB every 5 minutes, then back to the floor. */
  private static double sawtooth(double minute, double floor) {
    return floor + 600 * ((minute % 5) / 5);
  }

  @Test
  void heapAfterGcGrowingSteadilyIsACriticalLeak() {
    Random noise = new Random(7);

    List<Finding> findings = heapAfterGc(90, m -> 300 + 30 * m / 60 + noise.nextGaussian() * 2);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(BottleneckType.MEMORY_LEAK);
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.location()).isEqualTo("memory:heap");
              assertThat(f.impact().unit()).isEqualTo("MB/hour");
              assertThat(f.impact().value()).isCloseTo(30, within(4.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.FLOOR_START_MB))
                  .isCloseTo(300, within(8.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.FLOOR_END_MB))
                  .isCloseTo(345, within(8.0));
              assertThat(f.evidence().measurements().get(EvidenceKeys.R_SQUARED))
                  .isGreaterThan(0.9);
              assertThat(f.evidence().measurements())
                  .containsKeys(EvidenceKeys.SAMPLES, "windowHours");
              assertThat(f.evidence().windowStart()).isEqualTo(T0);
            });
  }

  @Test
  void sawtoothHeapReturningToItsFloorIsNotALeak() {
    assertThat(heapUsed(120, m -> sawtooth(m, 200))).isEmpty();
  }

  @Test
  void sawtoothWhoseFloorRisesIsALeak() {
    List<Finding> findings = heapUsed(120, m -> sawtooth(m, 200 + 40 * m / 60));

    assertThat(findings)
        .singleElement()
        .satisfies(f -> assertThat(f.impact().value()).isCloseTo(40, within(6.0)));
  }

  @Test
  void growthShorterThanTheMinimumWindowIsNotJudged() {
    assertThat(heapAfterGc(20, m -> 300 + 600 * m / 60)).isEmpty();
  }

  @Test
  void warmUpThenPlateauIsNotALeak() {
    assertThat(heapAfterGc(60, m -> m < 10 ? 100 + 30 * m : 400)).isEmpty();
  }

  @Test
  void growthUnderTenMegabytesAnHourIsNotALeak() {
    assertThat(heapAfterGc(120, m -> 300 + 5 * m / 60)).isEmpty();
  }

  @Test
  void noisyFlatHeapIsNotALeak() {
    Random noise = new Random(11);

    assertThat(heapAfterGc(120, m -> 500 + noise.nextGaussian() * 40)).isEmpty();
  }

  @Test
  void fallsBackToResidentMemoryFromResourceSamples() {
    List<ResourceSample> samples = new ArrayList<>();
    for (int m = 0; m <= 60; m++) {
      samples.add(
          new ResourceSample(
              T0.plusSeconds(60L * m), 12.0, null, null, 800.0 + m, null, null, null));
    }

    List<Finding> findings =
        detector.resources().observe(resources(samples.toArray(ResourceSample[]::new)), DEFAULTS);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo("memory:rss");
              assertThat(f.impact().value()).isCloseTo(60, within(3.0));
            });
  }

  @Test
  void heapAfterGcIsPreferredOverResidentMemory() {
    List<ResourceSample> samples = new ArrayList<>();
    for (int m = 0; m <= 60; m++) {
      samples.add(
          new ResourceSample(
              T0.plusSeconds(60L * m), null, null, 300.0, 800.0 + m, null, null, null));
    }

    List<Finding> findings =
        detector.resources().observe(resources(samples.toArray(ResourceSample[]::new)), DEFAULTS);

    assertThat(findings).isEmpty();
  }

  @Test
  void allocationProfilesNameTheTopAllocatingFrames() {
    detector
        .allocations()
        .observe(
            new ProfileCaptured(
                UUID.randomUUID(),
                Events.SCHEMA_VERSION,
                "demo",
                "checkout",
                "prod",
                "1.4.2",
                "pod-1",
                T0,
                ProfileType.ALLOCATION,
                "alloc_in_new_tlab_bytes",
                "bytes",
                0,
                T0.minusSeconds(10),
                T0,
                List.of(
                    new StackSample(
                        List.of(
                            "java.lang.Thread.run",
                            "com.app.SessionCache.put",
                            "java.util.HashMap.resize"),
                        700_000),
                    new StackSample(
                        List.of("java.lang.Thread.run", "com.app.Json.write"), 300_000))),
            DEFAULTS);

    List<Finding> findings = heapAfterGc(60, m -> 300 + 30 * m / 60);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.evidence().description())
                  .contains(
                      "top allocating frames: java.util.HashMap.resize (70.0 %), com.app.Json.write (30.0 %)");
              assertThat(f.evidence().stack())
                  .containsExactly(
                      "java.lang.Thread.run",
                      "com.app.SessionCache.put",
                      "java.util.HashMap.resize");
              assertThat(f.evidence().measurements()).containsEntry("topAllocationPercent", 70.0);
            });
  }

  @Test
  void honoursTheServiceGrowthThreshold() {
    detector.observe(metrics(), DEFAULTS);
    List<Finding> findings = List.of();
    for (int m = 0; m <= 60; m++) {
      findings =
          detector.observe(
              metrics(
                  gauge(
                      "process.memory.usage",
                      "By",
                      T0.plusSeconds(60L * m),
                      (800 + m / 3.0) * MB,
                      Map.of())),
              Metrics.with(MemoryLeakDetector.MIN_GROWTH_MB_PER_HOUR, 50));
    }

    assertThat(findings).isEmpty();
  }
}
