package io.hotpath.contracts;

/**
 * Kafka topic names, one per event family. Every consumer has a dead-letter topic named by {@link
 * #deadLetter(String)}.
 */
public final class Topics {
  public static final String TELEMETRY_PROFILES = "hotpath.telemetry.profiles.v1";
  public static final String TELEMETRY_TRACES = "hotpath.telemetry.traces.v1";
  public static final String TELEMETRY_METRICS = "hotpath.telemetry.metrics.v1";
  public static final String TELEMETRY_REPORTS = "hotpath.telemetry.reports.v1";
  public static final String DEPLOYMENTS = "hotpath.deployments.v1";
  public static final String BOTTLENECKS = "hotpath.bottlenecks.v1";
  public static final String PLANS = "hotpath.plans.v1";
  public static final String COVERAGE_GAPS = "hotpath.coverage-gaps.v1";
  public static final String STATUS_CHANGES = "hotpath.status-changes.v1";
  public static final String ROLLBACKS = "hotpath.rollbacks.v1";
  public static final String ROLLBACK_OUTCOMES = "hotpath.rollback-outcomes.v1";

  /** API tokens granted and revoked at runtime; compacted, keyed by token name. */
  public static final String API_TOKENS = "hotpath.api-tokens.v1";

  /** Suffix of every dead-letter topic. */
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  private Topics() {}

  /** The dead-letter topic for records of {@code topic} that a consumer could not process. */
  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
