package io.hotpath.analyzer.detect.metric;

import io.hotpath.analyzer.detect.Thresholds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.MetricKind;
import io.hotpath.contracts.telemetry.MetricPoint;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ResourceSample;
import io.hotpath.contracts.telemetry.ResourcesSampled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Metric events for tests. */
final class Metrics {
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  /** A day after the telemetry of the tests: none of it is from the future. */
  static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

  static final Thresholds DEFAULTS = (tenant, service, key, fallback) -> fallback;

  private Metrics() {}

  static Thresholds with(String key, double value) {
    return (tenant, service, k, fallback) -> k.equals(key) ? value : fallback;
  }

  static MetricPoint sum(String name, Instant at, double value, Map<String, String> attributes) {
    return new MetricPoint(name, MetricKind.SUM, "", attributes, at, value, null);
  }

  static MetricPoint gauge(
      String name, String unit, Instant at, double value, Map<String, String> attributes) {
    return new MetricPoint(name, MetricKind.GAUGE, unit, attributes, at, value, null);
  }

  static MetricsReceived metrics(String instance, MetricPoint... points) {
    Instant latest = T0;
    for (MetricPoint p : points) {
      latest = p.time().isAfter(latest) ? p.time() : latest;
    }
    return new MetricsReceived(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        instance,
        latest,
        List.of(points));
  }

  static MetricsReceived metrics(MetricPoint... points) {
    return metrics("pod-1", points);
  }

  static ResourcesSampled resources(ResourceSample... samples) {
    return new ResourcesSampled(
        UUID.randomUUID(),
        Events.SCHEMA_VERSION,
        "demo",
        "checkout",
        "prod",
        "1.4.2",
        "pod-1",
        samples[samples.length - 1].time(),
        List.of(samples));
  }
}
