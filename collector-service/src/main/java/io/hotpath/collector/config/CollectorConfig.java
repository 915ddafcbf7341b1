package io.hotpath.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The collector's ingest knobs: how much it reads and how long it waits for Kafka. */
@ConfigMapping(prefix = "hotpath.collector")
public interface CollectorConfig {

  /** Largest request body accepted, in bytes; larger bodies get 413 before they are parsed. */
  @WithDefault("1048576")
  long maxBodyBytes();

  /**
   * How long a request waits for Kafka's acknowledgement before the agent gets 503. Keep it below
   * the agents' own HTTP timeout so they see the 503 and retry.
   */
  @WithDefault("10s")
  Duration publishTimeout();

  /**
   * Largest body accepted after {@code Content-Encoding: gzip} is undone, in bytes. Checked while
   * inflating, so a gzip bomb is refused with 413 after at most this many bytes were produced.
   */
  @WithDefault("8388608")
  long maxDecompressedBytes();

  /** The {@code Retry-After} an agent gets with a 503. */
  @WithDefault("5s")
  Duration retryAfter();
}
