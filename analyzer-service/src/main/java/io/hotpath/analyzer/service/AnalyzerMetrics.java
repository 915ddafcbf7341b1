package io.hotpath.analyzer.service;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * What the analyzer did with the telemetry it read: {@code
 * hotpath_analyzer_reports_total{kind,outcome}} ({@code analyzed}, {@code repeat}, {@code invalid};
 * kind is a report kind or {@code spans}, {@code metrics}, {@code profiles}), {@code
 * hotpath_analyzer_bottlenecks_total{type,state}} for what it published and {@code
 * hotpath_analyzer_detector_failures_total{detector}} for detectors that threw on an event, and
 * {@code hotpath_analyzer_skipped_total{input,reason}} for items that made no sense and were left
 * out of detection, {@code hotpath_analyzer_state_evictions_total{detector}} for services whose
 * windows a detector forgot to stay within {@code hotpath.analyzer.state-budget}, and {@code
 * hotpath_analyzer_state_bytes} for the estimated bytes held under that budget.
 */
@ApplicationScoped
public class AnalyzerMetrics {
  /** The {@code kind} names, taken from the contract so they cannot drift from the JSON. */
  private static final Map<Class<?>, String> KINDS = new HashMap<>();

  static {
    for (JsonSubTypes.Type type : TelemetryReport.class.getAnnotation(JsonSubTypes.class).value()) {
      KINDS.put(type.value(), type.name());
    }
    KINDS.put(SpansReceived.class, "spans");
    KINDS.put(MetricsReceived.class, "metrics");
    KINDS.put(ProfileCaptured.class, "profiles");
  }

  private final MeterRegistry registry;

  public AnalyzerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public static String kind(Class<?> eventType) {
    return KINDS.getOrDefault(eventType, "unknown");
  }

  public void analyzed(HotpathEvent event) {
    report(kind(event.getClass()), "analyzed");
  }

  /** Read again to rebuild the windows after a restart. */
  public void replayed(HotpathEvent event) {
    report(kind(event.getClass()), "replayed");
  }

  public void repeat(HotpathEvent event) {
    report(kind(event.getClass()), "repeat");
  }

  /** A record that was not a valid event of its topic and went to the dead-letter topic. */
  public void invalid(String kind) {
    report(kind, "invalid");
  }

  public void published(BottleneckDetected bottleneck) {
    Counter.builder("hotpath.analyzer.bottlenecks")
        .description("Bottleneck events published, by type and state")
        .tag("type", bottleneck.type().name())
        .tag("state", bottleneck.state().name())
        .register(registry)
        .increment();
  }

  /**
   * Items of an event that made no sense and were left out of detection (see {@code InputCheck}):
   * spans, metric points, stacks, report rows.
   */
  public void skipped(String input, String reason, int count) {
    Counter.builder("hotpath.analyzer.skipped")
        .description("Items of telemetry events that made no sense, skipped before detection")
        .tag("input", input)
        .tag("reason", reason)
        .register(registry)
        .increment(count);
  }

  /** A service's windows forgotten by {@code detector} to stay within the state budget. */
  public void stateEvicted(String detector) {
    Counter.builder("hotpath.analyzer.state.evictions")
        .description(
            "Services whose windows a detector forgot to stay within hotpath.analyzer.state-budget")
        .tag("detector", detector)
        .register(registry)
        .increment();
  }

  /** Reports the estimated bytes held under the state budget as a gauge. */
  public void stateBytes(java.util.function.LongSupplier bytes) {
    Gauge.builder("hotpath.analyzer.state.bytes", bytes::getAsLong)
        .description("Estimated bytes of the windows held under hotpath.analyzer.state-budget")
        .baseUnit("bytes")
        .register(registry);
  }

  public void detectorFailed(String detector) {
    Counter.builder("hotpath.analyzer.detector.failures")
        .description("Events a detector threw on (skipped for that detector)")
        .tag("detector", detector)
        .register(registry)
        .increment();
  }

  private void report(String kind, String outcome) {
    Counter.builder("hotpath.analyzer.reports")
        .description("Telemetry events read, by kind and outcome")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
