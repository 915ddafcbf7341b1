package io.hotpath.analyzer.messaging;

import io.hotpath.analyzer.service.AnalysisService;
import io.hotpath.analyzer.service.AnalyzerMetrics;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.MetricsReceived;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.SpansReceived;
import io.hotpath.contracts.telemetry.TelemetryReport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the four telemetry topics (reports, traces, metrics, profiles), analyzing records of
 * different tenants and services concurrently and each one's records in order. A record is
 * acknowledged (its offset committed) only after every bottleneck it produced was acknowledged by
 * Kafka. A record that is not a valid event of its topic fails here and goes to {@code <topic>.dlq}
 * with the reason; the next record is processed as usual.
 */
@ApplicationScoped
public class TelemetryConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class);

  /**
   * The worker pool records are analyzed on ({@code smallrye.messaging.worker.<pool>.*}). Each
   * channel hands it records of different keys concurrently ({@code throttled.ordered=key}), the
   * records of one key in offset order.
   */
  static final String ANALYSIS_POOL = "hotpath-analysis";

  private final AnalysisService analysis;
  private final BottleneckPublisher publisher;
  private final AnalyzerMetrics metrics;

  public TelemetryConsumer(
      AnalysisService analysis, BottleneckPublisher publisher, AnalyzerMetrics metrics) {
    this.analysis = analysis;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  @Incoming("reports-in")
  @Blocking(value = ANALYSIS_POOL, ordered = false)
  public Uni<Void> report(byte[] payload) {
    return consume(payload, TelemetryReport.class, "unknown");
  }

  @Incoming("spans-in")
  @Blocking(value = ANALYSIS_POOL, ordered = false)
  public Uni<Void> spans(byte[] payload) {
    return consume(payload, SpansReceived.class, AnalyzerMetrics.kind(SpansReceived.class));
  }

  @Incoming("metrics-in")
  @Blocking(value = ANALYSIS_POOL, ordered = false)
  public Uni<Void> metrics(byte[] payload) {
    return consume(payload, MetricsReceived.class, AnalyzerMetrics.kind(MetricsReceived.class));
  }

  @Incoming("profiles-in")
  @Blocking(value = ANALYSIS_POOL, ordered = false)
  public Uni<Void> profiles(byte[] payload) {
    return consume(payload, ProfileCaptured.class, AnalyzerMetrics.kind(ProfileCaptured.class));
  }

  private <E extends HotpathEvent> Uni<Void> consume(
      byte[] payload, Class<E> type, String invalidKind) {
    if (payload == null) {
      metrics.invalid(invalidKind);
      return Uni.createFrom().failure(new IllegalArgumentException("record has no value"));
    }
    E event;
    try {
      event = EventJson.read(payload, type);
    } catch (RuntimeException e) {
      metrics.invalid(invalidKind);
      LOG.warnf(
          "dead-lettering a record that is not a valid %s: %s",
          type.getSimpleName(), e.getMessage());
      // The message becomes the dead-letter reason; the payload itself stays in the DLQ record.
      return Uni.createFrom().failure(e);
    }
    if (analysis.isRepeat(event)) {
      metrics.repeat(event);
      LOG.debugf("skipping repeated event %s", event.eventId());
      return Uni.createFrom().voidItem();
    }
    List<BottleneckDetected> bottlenecks = analysis.analyze(event);
    return publisher
        .publishAll(bottlenecks)
        .invoke(() -> analysis.processed(event, bottlenecks))
        .invoke(
            () -> {
              metrics.analyzed(event);
              bottlenecks.forEach(metrics::published);
              if (!bottlenecks.isEmpty()) {
                LOG.debugf(
                    "event %s of %s/%s: %d bottleneck(s)",
                    event.eventId(), event.tenant(), event.service(), bottlenecks.size());
              }
            });
  }
}
