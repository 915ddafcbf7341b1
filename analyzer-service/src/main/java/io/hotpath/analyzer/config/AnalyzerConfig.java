package io.hotpath.analyzer.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every analyzer knob: detector thresholds and the bounds on its in-memory state. */
@ConfigMapping(prefix = "hotpath.analyzer")
public interface AnalyzerConfig {

  Startup startup();

  /**
   * How many recent report event ids are remembered to skip exact repeats (a producer retry, a
   * redelivery after a restart of this consumer).
   */
  @WithDefault("100000")
  int seenEventIds();

  /** How many bottleneck fingerprints keep first/last-seen and occurrence counts. */
  @WithDefault("100000")
  int trackedBottlenecks();

  /**
   * How long one bottleneck send may take, retries included, before the report is dead-lettered.
   */
  @WithDefault("30s")
  Duration publishTimeout();

  Noise noise();

  /**
   * The bound on the estimated heap of every detector's per-service state together: windows,
   * series, and the spans remembered as parents or waiting for one. While it is over, the detector
   * adding forgets its least recently active services (counted in {@code
   * hotpath_analyzer_state_evictions_total}); frame names are shared and not counted. The
   * application's default (128M) keeps about a quarter of the fleet bench's 1,000 services whole.
   */
  @WithDefault("128M")
  MemorySize stateBudget();

  Rebuild rebuild();

  /**
   * How many threads analyze records, the four input topics together, and into how many groups by
   * tenant and service a poll of one topic is split to be analyzed at the same time; the records of
   * one tenant and service are analyzed one after the other.
   */
  @WithDefault("8")
  int concurrency();

  /**
   * How many sets of detectors split the services between them. A detector observes one event at a
   * time; each tenant's service is always analyzed in the same shard, so events of services in
   * different shards do not wait for each other's detectors. Sightings ({@link
   * #trackedBottlenecks()}) are divided among the shards; the state budget is shared by all.
   */
  @WithDefault("8")
  int shards();

  /** Rebuilding the windows from the input topics when a partition is assigned. */
  interface Rebuild {
    /** How far back to read again; 0 turns rebuilding off. */
    @WithDefault("15m")
    Duration window();

    /** How long one rebuild may take before consumption goes on with what it read. */
    @WithDefault("60s")
    Duration timeout();
  }

  /**
   * A span that ended further than this from its batch's event time is dropped (and counted) so it
   * cannot skew the windows.
   */
  @WithDefault("24h")
  Duration spanTimeTolerance();

  /** When a bottleneck is published again, and when it is gone (see {@code NoiseGate}). */
  interface Noise {
    /** Publish again when the impact moved by more than this fraction of the last published. */
    @WithDefault("0.25")
    double impactBand();

    /** Publish a bottleneck still observed again after this long, even if nothing changed. */
    @WithDefault("10m")
    Duration refresh();

    /** A published bottleneck not observed for this long is published once as GONE. */
    @WithDefault("30m")
    Duration goneAfter();

    /** How often to look for GONE bottlenecks. */
    @WithDefault("1m")
    Duration goneCheckInterval();
  }

  /** Slow-startup detection (DESIGN.md: a phase over 1 s is a HIGH bottleneck). */
  interface Startup {
    /**
     * A phase that took longer than this many milliseconds is a bottleneck; the default of the
     * threshold key {@code slow-startup.phase-ms}.
     */
    @WithDefault("1000")
    long phaseThresholdMs();
  }
}
