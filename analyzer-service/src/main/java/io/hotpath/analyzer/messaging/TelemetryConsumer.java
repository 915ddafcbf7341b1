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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the four telemetry topics (reports, traces, metrics, profiles). A record is acknowledged
 * (its offset committed) only after every bottleneck it produced was acknowledged by Kafka. A
 * record that is not a valid event of its topic fails here and goes to {@code <topic>.dlq} with the
 * reason; the next record is processed as usual.
 */
@ApplicationScoped
public class TelemetryConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class);

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
  public Uni<Void> report(String payload) {
    return consume(payload, TelemetryReport.class, "unknown");
  }

  @Incoming("spans-in")
  public Uni<Void> spans(String payload) {
    return consume(payload, SpansReceived.class, AnalyzerMetrics.kind(SpansReceived.class));
  }

  @Incoming("metrics-in")
  public Uni<Void> metrics(String payload) {
    return consume(payload, MetricsReceived.class, AnalyzerMetrics.kind(MetricsReceived.class));
  }

  @Incoming("profiles-in")
  public Uni<Void> profiles(String payload) {
    return consume(payload, ProfileCaptured.class, AnalyzerMetrics.kind(ProfileCaptured.class));
  }

  private <E extends HotpathEvent> Uni<Void> consume(
      String payload, Class<E> type, String invalidKind) {
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
