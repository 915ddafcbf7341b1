package io.hotpath.analyzer.service;

import io.hotpath.analyzer.detect.BottleneckAnalyzer;
import io.hotpath.analyzer.detect.NoiseGate;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Analyzes each telemetry event once and decides what is worth publishing. An event whose id was
 * already processed is skipped; an event counts as processed only after what it produced was
 * durably published ({@link #processed}), so a failed publish is analyzed again when the event
 * comes back.
 */
@ApplicationScoped
public class AnalysisService {
  private final BottleneckAnalyzer analyzer;
  private final NoiseGate gate;
  private final RecentEventIds seen;

  public AnalysisService(BottleneckAnalyzer analyzer, NoiseGate gate, RecentEventIds seen) {
    this.analyzer = analyzer;
    this.gate = gate;
    this.seen = seen;
  }

  /** Whether this event was already processed and should be skipped. */
  public boolean isRepeat(HotpathEvent event) {
    return seen.contains(event.eventId());
  }

  /** The bottlenecks in the event that should be published now (see {@link NoiseGate}). */
  public List<BottleneckDetected> analyze(HotpathEvent event) {
    return gate.admit(event, analyzer.analyze(event));
  }

  /** Marks the event processed: what it produced was acknowledged by Kafka. */
  public void processed(HotpathEvent event, List<BottleneckDetected> published) {
    gate.published(published);
    seen.add(event.eventId());
  }

  /** The bottlenecks no longer observed, as GONE events to publish. */
  public List<BottleneckDetected> gone() {
    return gate.gone();
  }

  /** These GONE events were acknowledged. */
  public void goneDelivered(List<BottleneckDetected> gone) {
    gate.published(gone);
  }
}
