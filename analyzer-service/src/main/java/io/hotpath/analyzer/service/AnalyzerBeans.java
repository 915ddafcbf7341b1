package io.hotpath.analyzer.service;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.config.ConfigThresholds;
import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.Detector;
import io.hotpath.analyzer.detect.Sightings;
import io.hotpath.analyzer.detect.StartupPhaseDetector;
import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.RecentEventIds;
import io.quarkus.arc.All;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Wires the plain-logic detection classes from configuration. A new detector is one more producer
 * method here; {@link BottleneckAnalyzer} picks up every {@link Detector} bean.
 */
public class AnalyzerBeans {

  @Produces
  @Singleton
  Detector startupPhaseDetector(AnalyzerConfig config) {
    return new StartupPhaseDetector(config.startup().phaseThresholdMs());
  }

  @Produces
  @Singleton
  Thresholds thresholds(Config config) {
    return new ConfigThresholds(config);
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
  BottleneckAnalyzer bottleneckAnalyzer(@All List<Detector> detectors, Sightings sightings) {
    return new BottleneckAnalyzer(detectors, sightings);
  }
}
