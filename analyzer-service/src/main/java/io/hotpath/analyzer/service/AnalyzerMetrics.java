package io.hotpath.analyzer.service;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * What the analyzer did with the reports it read: {@code
 * hotpath_analyzer_reports_total{kind,outcome}} ({@code analyzed}, {@code repeat}, {@code invalid})
 * and {@code hotpath_analyzer_bottlenecks_total{type}} for what it published.
 */
@ApplicationScoped
public class AnalyzerMetrics {
  /** The {@code kind} names, taken from the contract so they cannot drift from the JSON. */
  private static final Map<Class<?>, String> KINDS = new HashMap<>();

  static {
    for (JsonSubTypes.Type type : TelemetryReport.class.getAnnotation(JsonSubTypes.class).value()) {
      KINDS.put(type.value(), type.name());
    }
  }

  private final MeterRegistry registry;

  public AnalyzerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void analyzed(TelemetryReport report) {
    report(KINDS.getOrDefault(report.getClass(), "unknown"), "analyzed");
  }

  public void repeat(TelemetryReport report) {
    report(KINDS.getOrDefault(report.getClass(), "unknown"), "repeat");
  }

  /** A record that was not a valid report and went to the dead-letter topic. */
  public void invalid() {
    report("unknown", "invalid");
  }

  public void published(BottleneckType type) {
    Counter.builder("hotpath.analyzer.bottlenecks")
        .description("Bottleneck events published, by type")
        .tag("type", type.name())
        .register(registry)
        .increment();
  }

  private void report(String kind, String outcome) {
    Counter.builder("hotpath.analyzer.reports")
        .description("Telemetry reports read, by kind and outcome")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
