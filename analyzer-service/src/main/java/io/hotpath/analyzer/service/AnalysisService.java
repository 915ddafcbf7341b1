package io.hotpath.analyzer.service;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.detect.InputCheck;
import io.hotpath.analyzer.detect.ShardedAnalyzer;
import io.hotpath.contracts.HotpathEvent;
import io.hotpath.contracts.RecentEventIds;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Analyzes each telemetry event once and decides what is worth publishing. An event whose id was
 * already processed is skipped; an event counts as processed only after what it produced was
 * durably published ({@link #processed}), so a failed publish is analyzed again when the event
 * comes back.
 */
@ApplicationScoped
public class AnalysisService {
  private static final Logger LOG = Logger.getLogger(AnalysisService.class);

  private final ShardedAnalyzer analyzer;
  private final RecentEventIds seen;

  private final InputCheck inputCheck;
  private final AnalyzerMetrics metrics;

  public AnalysisService(
      ShardedAnalyzer analyzer,
      RecentEventIds seen,
      AnalyzerConfig config,
      AnalyzerMetrics metrics) {
    this.analyzer = analyzer;
    this.seen = seen;
    this.inputCheck = new InputCheck(config.spanTimeTolerance());
    this.metrics = metrics;
  }

  /** Whether this event was already processed and should be skipped. */
  public boolean isRepeat(HotpathEvent event) {
    return seen.contains(event.eventId());
  }

  /** The detectors' shard of the events with this record key ({@code tenant/service}). */
  public int shardOfKey(String key) {
    return analyzer.shardOfKey(key);
  }

  /** The bottlenecks in the event that should be published now (see {@code NoiseGate}). */
  public List<BottleneckDetected> analyze(HotpathEvent event) {
    HotpathEvent checked = plausible(event);
    return analyzer.analyze(checked);
  }

  /**
   * Folds an event that was processed before a restart into the windows again, publishing nothing:
   * what the noise gate would publish is taken as published then (it was, before the offset was
   * committed).
   */
  public void replay(HotpathEvent event) {
    HotpathEvent checked = plausible(event);
    analyzer.published(analyzer.analyze(checked));
    seen.add(event.eventId());
    metrics.replayed(event);
  }

  /**
   * The event without what makes no sense in it ({@link InputCheck}), counted per reason, so no
   * detector sees a NaN, a negative count or a timestamp from 1970.
   */
  private HotpathEvent plausible(HotpathEvent event) {
    InputCheck.Checked checked = inputCheck.check(event);
    if (!checked.clean()) {
      String input = AnalyzerMetrics.kind(event.getClass());
      checked.skipped().forEach((reason, count) -> metrics.skipped(input, reason, count));
      LOG.debugf("skipped in %s %s: %s", input, event.eventId(), checked.skipped());
    }
    return checked.event();
  }

  /** Marks the event processed: what it produced was acknowledged by Kafka. */
  public void processed(HotpathEvent event, List<BottleneckDetected> published) {
    analyzer.published(published);
    seen.add(event.eventId());
  }

  /**
   * What the event produced could not be published: the event is not marked processed (it goes to
   * the dead-letter topic), and the noise gate decides about those bottlenecks again next time.
   */
  public void failed(List<BottleneckDetected> unpublished) {
    analyzer.failed(unpublished);
  }

  /** The bottlenecks no longer observed, as GONE events to publish. */
  public List<BottleneckDetected> gone() {
    return analyzer.gone();
  }

  /** These GONE events were acknowledged. */
  public void goneDelivered(List<BottleneckDetected> gone) {
    analyzer.published(gone);
  }
}
