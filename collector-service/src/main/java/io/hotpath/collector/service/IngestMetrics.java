package io.hotpath.collector.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the collector accepted and rejected, by kind and reason: {@code
 * hotpath_collector_reports_total{kind,outcome,reason}}. A rising rejection rate for one reason is
 * how an operator spots a broken agent or an unreachable Kafka.
 */
@ApplicationScoped
public class IngestMetrics {
  static final String NAME = "hotpath.collector.reports";

  /** Why a request was refused; the tag values are part of the metric's interface. */
  public enum Reason {
    INVALID("invalid"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    TOO_LARGE("too-large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    UNAVAILABLE("unavailable");

    private final String tag;

    Reason(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private final MeterRegistry registry;

  /** Looked up once per kind: building and registering a counter costs more than counting. */
  private final Map<IngestKind, Counter> accepted = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void accepted(IngestKind kind) {
    accepted.computeIfAbsent(kind, k -> counter(k, "accepted", "none")).increment();
  }

  public void rejected(IngestKind kind, Reason reason) {
    counter(kind, "rejected", reason.tag()).increment();
  }

  private Counter counter(IngestKind kind, String outcome, String reason) {
    return Counter.builder(NAME)
        .description(
            "Reports, deployments and OTLP exports received, by outcome and rejection reason")
        .tag("kind", kind.tag())
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }
}
