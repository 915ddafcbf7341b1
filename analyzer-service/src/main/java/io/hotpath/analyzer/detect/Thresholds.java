package io.hotpath.analyzer.detect;

/**
 * Detector thresholds, overridable per tenant and per service (DESIGN.md "Configuration"). Keys are
 * the detectors' own, dotted and kebab-case, and name their unit: {@code cpu-hotspot.min-percent},
 * {@code slow-query.mean-ms}, {@code slow-query.window-seconds}. The configuration-backed
 * implementation and its property names are in {@code config/ConfigThresholds}.
 */
public interface Thresholds {

  /**
   * The value of {@code key} for one service: the service's override, else the tenant's, else the
   * configured default, else {@code fallback}.
   */
  double get(String tenant, String service, String key, double fallback);
}
