package io.hotpath.tracker.messaging;

import io.hotpath.tracker.config.TrackerConfig;
import io.hotpath.tracker.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Sends the status-change events that a transition committed but could not publish (Kafka down, a
 * timeout, a crash between commit and acknowledgement). Events older than {@code
 * hotpath.tracker.publish.relay-min-age} still unpublished go out oldest first, every {@code
 * relay-interval}; consumers deduplicate on the event id, so a repeat is harmless. Published events
 * are deleted after {@code retention}: the status history is the lasting record.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 100;

  private final OutboxRepository outbox;
  private final StatusChangePublisher publisher;
  private final TrackerConfig config;

  public OutboxRelay(
      OutboxRepository outbox, StatusChangePublisher publisher, TrackerConfig config) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.config = config;
  }

  /** On a worker thread; a run still going when the next is due makes that one skip. */
  @Scheduled(
      identity = "outbox-relay",
      every = "{hotpath.tracker.publish.relay-interval}",
      delayed = "{hotpath.tracker.publish.relay-interval}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void relay() {
    try {
      Long sent = VertxContextSupport.subscribeAndAwait(this::relayOnce);
      if (sent > 0) {
        LOG.infof("Relayed %d status-change events from the outbox", sent);
      }
      Instant before = Instant.now().minus(config.publish().retention());
      Long pruned =
          VertxContextSupport.subscribeAndAwait(
              () -> Panache.withTransaction(() -> outbox.prunePublished(before)));
      if (pruned > 0) {
        LOG.debugf("Pruned %d published status-change events from the outbox", pruned);
      }
    } catch (Throwable failure) {
      LOG.warnf("Outbox relay failed, it tries again later: %s", failure.toString());
    }
  }

  /** Sends one batch of leftover events; the number Kafka acknowledged. */
  public Uni<Long> relayOnce() {
    Instant before = Instant.now().minus(config.publish().relayMinAge());
    return Panache.withSession(() -> outbox.pending(before, BATCH))
        .onItem()
        .transformToMulti(events -> Multi.createFrom().iterable(events))
        .onItem()
        .transformToUniAndConcatenate(publisher::publish)
        .filter(Boolean::booleanValue)
        .collect()
        .with(java.util.stream.Collectors.counting());
  }
}
