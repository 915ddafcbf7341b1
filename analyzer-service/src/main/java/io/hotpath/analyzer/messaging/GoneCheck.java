package io.hotpath.analyzer.messaging;

import io.hotpath.analyzer.config.AnalyzerConfig;
import io.hotpath.analyzer.service.AnalysisService;
import io.hotpath.analyzer.service.AnalyzerMetrics;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes, on a timer ({@code hotpath.analyzer.noise.gone-check-interval}), a GONE event for each
 * bottleneck no longer observed. A failed publish is tried again on the next tick; ticks never
 * overlap.
 */
@ApplicationScoped
public class GoneCheck {
  private static final Logger LOG = Logger.getLogger(GoneCheck.class);

  private final AnalysisService analysis;
  private final BottleneckPublisher publisher;
  private final AnalyzerMetrics metrics;
  private final AnalyzerConfig config;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public GoneCheck(
      AnalysisService analysis,
      BottleneckPublisher publisher,
      AnalyzerMetrics metrics,
      AnalyzerConfig config) {
    this.analysis = analysis;
    this.publisher = publisher;
    this.metrics = metrics;
    this.config = config;
  }

  void start(@Observes StartupEvent started, Vertx vertx) {
    timer =
        vertx.setPeriodic(
            config.noise().goneCheckInterval().toMillis(),
            id -> check().subscribe().with(n -> {}, e -> {}));
  }

  void stop(@Observes ShutdownEvent stopping, Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Publishes what is gone now; the number published. */
  public Uni<Integer> check() {
    if (!running.compareAndSet(false, true)) {
      return Uni.createFrom().item(0);
    }
    List<BottleneckDetected> gone;
    try {
      gone = analysis.gone();
    } catch (RuntimeException e) {
      running.set(false);
      return Uni.createFrom().failure(e);
    }
    return publisher
        .publishAll(gone)
        .invoke(
            () -> {
              analysis.goneDelivered(gone);
              gone.forEach(metrics::published);
              if (!gone.isEmpty()) {
                LOG.infof("%d bottleneck(s) no longer observed, published as GONE", gone.size());
              }
            })
        .onFailure()
        .invoke(e -> LOG.warnf("GONE bottlenecks not published, retrying later: %s", e))
        .onTermination()
        .invoke(() -> running.set(false))
        .replaceWith(gone.size());
  }
}
