package io.hotpath.tracker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The tracker's own knobs: publishing status changes and the CI gate's regression ratios. */
@ConfigMapping(prefix = "hotpath.tracker")
public interface TrackerConfig {

  /** Publishing {@code BottleneckStatusChanged} events. */
  Publish publish();

  /** The CI gate. */
  Gate gate();

  interface Publish {
    /** How long a transition waits for Kafka's acknowledgement before it answers without it. */
    @WithDefault("PT10S")
    Duration timeout();

    /** How often the relay looks for events a failed or interrupted send left unpublished. */
    @WithDefault("PT30S")
    Duration relayInterval();

    /** How old an unpublished event must be before the relay sends it (the request may still). */
    @WithDefault("PT30S")
    Duration relayMinAge();

    /** How long published events stay in the outbox before the relay deletes them. */
    @WithDefault("P7D")
    Duration retention();
  }

  interface Gate {
    /** A candidate's startup must be below this multiple of the baseline's. */
    @WithDefault("1.2")
    double startupRatio();

    /** A candidate's memory must be below this multiple of the baseline's. */
    @WithDefault("1.2")
    double memoryRatio();

    /** Each endpoint's p95 must be below this multiple of the baseline's. */
    @WithDefault("1.5")
    double endpointRatio();
  }
}
