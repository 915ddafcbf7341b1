package io.hotpath.analyzer.service;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.config.ConfigThresholds;
import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.NoiseGate;
import io.hotpath.analyzer.detect.ShardedAnalyzer;
import io.hotpath.analyzer.detect.Sightings;
import io.hotpath.analyzer.detect.SignalDetector;
import io.hotpath.analyzer.detect.StartupGoalsDetector;
import io.hotpath.analyzer.detect.StartupPhaseDetector;
import io.hotpath.analyzer.detect.StateBudget;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.analyzer.detect.endpoint.EndpointDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointHistogramDetector;
import io.hotpath.analyzer.detect.endpoint.EndpointStatsDetector;
import io.hotpath.analyzer.detect.metric.CacheMissRateDetector;
import io.hotpath.analyzer.detect.metric.DbPoolSaturationDetector;
import io.hotpath.analyzer.detect.metric.MemoryLeakDetector;
import io.hotpath.analyzer.detect.profile.CpuHotspotDetector;
import io.hotpath.analyzer.detect.profile.LockContentionDetector;
import io.hotpath.analyzer.detect.query.QueryStatsDetector;
import io.hotpath.analyzer.detect.query.SlowQueryDetector;
import io.hotpath.analyzer.detect.regression.RegressionDetector;
import io.hotpath.analyzer.detect.trace.NPlusOneDetector;
import io.hotpath.analyzer.detect.trace.SequentialQueriesDetector;
import io.hotpath.contracts.RecentEventIds;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Wires the plain-logic detection classes from configuration. The analyzer is {@link
 * ShardedAnalyzer shards} of one set of detectors each ({@link #detectors}): a new detector is one
 * more entry there, built once per shard.
 */
public class AnalyzerBeans {

  @Produces
  @Singleton
  Thresholds thresholds(Config config) {
    return new ConfigThresholds(config);
  }

  /** The bytes the detectors' per-service windows and remembered spans may take together. */
  @Produces
  @Singleton
  StateBudget stateBudget(AnalyzerConfig config, AnalyzerMetrics metrics) {
    StateBudget budget = new StateBudget(config.stateBudget().asLongValue(), metrics::stateEvicted);
    metrics.stateBytes(budget::usedBytes);
    return budget;
  }

  @Produces
  @Singleton
  ShardedAnalyzer analyzer(
      AnalyzerConfig config,
      Thresholds thresholds,
      StateBudget budget,
      Clock clock,
      AnalyzerMetrics metrics) {
    int shards = config.shards();
    if (shards < 1) {
      throw new IllegalArgumentException("hotpath.analyzer.shards must be at least 1: " + shards);
    }
    // Fingerprints name their tenant and service, so each shard's sightings and gate are its own.
    int tracked = Math.max(1, (config.trackedBottlenecks() + shards - 1) / shards);
    AnalyzerConfig.Noise noise = config.noise();
    NoiseGate.Settings gate =
        new NoiseGate.Settings(noise.impactBand(), noise.refresh(), noise.goneAfter(), tracked);
    List<ShardedAnalyzer.Shard> analyzers = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      analyzers.add(
          new ShardedAnalyzer.Shard(
              new BottleneckAnalyzer(
                  List.of(),
                  detectors(config, budget, clock),
                  thresholds,
                  new Sightings(tracked),
                  (detector, event, failure) -> metrics.detectorFailed(detector)),
              new NoiseGate(gate, thresholds, clock)));
    }
    return new ShardedAnalyzer(analyzers);
  }

  /**
   * One set of every detector, with fresh state. The profile, metric and regression detectors keep
   * their windows and defaults themselves; some read more than one kind of event through views that
   * share the detector's windows, each view one more entry.
   */
  static List<SignalDetector<?>> detectors(AnalyzerConfig config, StateBudget budget, Clock clock) {
    MemoryLeakDetector memoryLeak =
        new MemoryLeakDetector(
            MemoryLeakDetector.DEFAULT_MAX_SERVICES,
            MemoryLeakDetector.DEFAULT_MAX_SERIES,
            MemoryLeakDetector.DEFAULT_MAX_POINTS,
            budget,
            clock);
    DbPoolSaturationDetector dbPool = new DbPoolSaturationDetector();
    RegressionDetector regression = new RegressionDetector(budget);
    return List.of(
        new StartupPhaseDetector(config.startup().phaseThresholdMs()),
        new NPlusOneDetector(budget),
        new SequentialQueriesDetector(budget),
        new SlowQueryDetector(budget),
        new QueryStatsDetector(),
        new EndpointDetector(budget),
        new EndpointHistogramDetector(budget),
        new EndpointStatsDetector(),
        new StartupGoalsDetector(),
        new CpuHotspotDetector(
            CpuHotspotDetector.DEFAULT_MAX_SERVICES,
            CpuHotspotDetector.DEFAULT_MAX_SLICES,
            budget,
            clock),
        new LockContentionDetector(
            CpuHotspotDetector.DEFAULT_MAX_SERVICES,
            CpuHotspotDetector.DEFAULT_MAX_SLICES,
            budget,
            clock),
        memoryLeak,
        memoryLeak.resources(),
        memoryLeak.allocations(),
        new CacheMissRateDetector(
            CacheMissRateDetector.DEFAULT_MAX_SERVICES,
            CacheMissRateDetector.DEFAULT_MAX_SERIES,
            CacheMissRateDetector.DEFAULT_MAX_POINTS,
            budget,
            clock),
        dbPool,
        dbPool.resources(),
        regression,
        regression.histograms(),
        regression.profiles());
  }

  @Produces
  @Singleton
  RecentEventIds seenEventIds(AnalyzerConfig config) {
    return new RecentEventIds(config.seenEventIds());
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
