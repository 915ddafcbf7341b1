package io.hotpath.analyzer.service;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.config.ConfigThresholds;
import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.Detector;
import io.hotpath.analyzer.detect.NoiseGate;
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
import io.hotpath.contracts.telemetry.EndpointStatsReported;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.QueryStatsReported;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.StartupReported;
import io.quarkus.arc.All;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Wires the plain-logic detection classes from configuration. A new detector is one more producer
 * method here (or a bean of its own); {@link BottleneckAnalyzer} picks up every {@link Detector}
 * and every {@link SignalDetector} bean.
 */
public class AnalyzerBeans {

  @Produces
  @Singleton
  Thresholds thresholds(Config config) {
    return new ConfigThresholds(config);
  }

  @Produces
  @Singleton
  SignalDetector<StartupReported> startupPhaseDetector(AnalyzerConfig config) {
    return new StartupPhaseDetector(config.startup().phaseThresholdMs());
  }

  @Produces
  @Singleton
  SignalDetector<SpansReceived> nPlusOneDetector(StateBudget budget) {
    return new NPlusOneDetector(budget);
  }

  @Produces
  @Singleton
  SignalDetector<SpansReceived> sequentialQueriesDetector(StateBudget budget) {
    return new SequentialQueriesDetector(budget);
  }

  @Produces
  @Singleton
  SignalDetector<SpansReceived> slowQueryDetector(StateBudget budget) {
    return new SlowQueryDetector(budget);
  }

  @Produces
  @Singleton
  SignalDetector<QueryStatsReported> queryStatsDetector() {
    return new QueryStatsDetector();
  }

  @Produces
  @Singleton
  SignalDetector<SpansReceived> endpointDetector(StateBudget budget) {
    return new EndpointDetector(budget);
  }

  @Produces
  @Singleton
  SignalDetector<MetricsReceived> endpointHistogramDetector(StateBudget budget) {
    return new EndpointHistogramDetector(budget);
  }

  @Produces
  @Singleton
  SignalDetector<EndpointStatsReported> endpointStatsDetector() {
    return new EndpointStatsDetector();
  }

  @Produces
  @Singleton
  SignalDetector<StartupReported> startupGoalsDetector() {
    return new StartupGoalsDetector();
  }

  // The profile, metric and regression detectors keep their windows and defaults themselves. Some
  // read more than one kind of event through views that share the detector's windows: a bean of
  // the detector's own class is its main input, each view one more SignalDetector bean.

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
  CpuHotspotDetector cpuHotspotDetector(StateBudget budget, Clock clock) {
    return new CpuHotspotDetector(
        CpuHotspotDetector.DEFAULT_MAX_SERVICES,
        CpuHotspotDetector.DEFAULT_MAX_SLICES,
        budget,
        clock);
  }

  @Produces
  @Singleton
  LockContentionDetector lockContentionDetector(StateBudget budget, Clock clock) {
    return new LockContentionDetector(
        CpuHotspotDetector.DEFAULT_MAX_SERVICES,
        CpuHotspotDetector.DEFAULT_MAX_SLICES,
        budget,
        clock);
  }

  @Produces
  @Singleton
  MemoryLeakDetector memoryLeakDetector(StateBudget budget, Clock clock) {
    return new MemoryLeakDetector(
        MemoryLeakDetector.DEFAULT_MAX_SERVICES,
        MemoryLeakDetector.DEFAULT_MAX_SERIES,
        MemoryLeakDetector.DEFAULT_MAX_POINTS,
        budget,
        clock);
  }

  @Produces
  @Singleton
  SignalDetector<ResourcesSampled> memoryLeakFromResources(MemoryLeakDetector detector) {
    return detector.resources();
  }

  @Produces
  @Singleton
  SignalDetector<ProfileCaptured> memoryLeakAllocations(MemoryLeakDetector detector) {
    return detector.allocations();
  }

  @Produces
  @Singleton
  CacheMissRateDetector cacheMissRateDetector(StateBudget budget, Clock clock) {
    return new CacheMissRateDetector(
        CacheMissRateDetector.DEFAULT_MAX_SERVICES,
        CacheMissRateDetector.DEFAULT_MAX_SERIES,
        CacheMissRateDetector.DEFAULT_MAX_POINTS,
        budget,
        clock);
  }

  @Produces
  @Singleton
  DbPoolSaturationDetector dbPoolSaturationDetector() {
    return new DbPoolSaturationDetector();
  }

  @Produces
  @Singleton
  SignalDetector<ResourcesSampled> dbPoolFromResources(DbPoolSaturationDetector detector) {
    return detector.resources();
  }

  @Produces
  @Singleton
  RegressionDetector regressionDetector(StateBudget budget) {
    return new RegressionDetector(budget);
  }

  @Produces
  @Singleton
  SignalDetector<MetricsReceived> regressionFromHistograms(RegressionDetector detector) {
    return detector.histograms();
  }

  @Produces
  @Singleton
  SignalDetector<ProfileCaptured> regressionFromProfiles(RegressionDetector detector) {
    return detector.profiles();
  }

  @Produces
  @Singleton
  Sightings sightings(AnalyzerConfig config) {
    return new Sightings(config.trackedBottlenecks());
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

  @Produces
  @Singleton
  NoiseGate noiseGate(AnalyzerConfig config, Thresholds thresholds, Clock clock) {
    AnalyzerConfig.Noise noise = config.noise();
    return new NoiseGate(
        new NoiseGate.Settings(
            noise.impactBand(), noise.refresh(), noise.goneAfter(), config.trackedBottlenecks()),
        thresholds,
        clock);
  }

  @Produces
  @Singleton
  BottleneckAnalyzer bottleneckAnalyzer(
      @All List<Detector> detectors,
      @All List<SignalDetector<?>> signalDetectors,
      Thresholds thresholds,
      Sightings sightings,
      AnalyzerMetrics metrics) {
    return new BottleneckAnalyzer(
        detectors,
        signalDetectors,
        thresholds,
        sightings,
        (detector, event, failure) -> metrics.detectorFailed(detector));
  }
}
