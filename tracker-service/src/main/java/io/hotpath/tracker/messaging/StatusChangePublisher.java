package io.hotpath.tracker.messaging;

import io.hotpath.contracts.PartitionKeys;
import io.hotpath.contracts.Topics;
import io.hotpath.tracker.config.TrackerConfig;
import io.hotpath.tracker.matrix.OutboxEvent;
import io.hotpath.tracker.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes {@code BottleneckStatusChanged} events from the outbox to {@code
 * hotpath.status-changes.v1}, {@code RollbackRequested} commands to {@code hotpath.rollbacks.v1}
 * and {@code RollbackCompleted} outcomes to {@code hotpath.rollback-outcomes.v1}, keyed {@code
 * tenant/service}, and marks each published once Kafka acknowledged it ({@code acks=all}). A send
 * that fails or times out leaves the event for {@link OutboxRelay}.
 */
@ApplicationScoped
public class StatusChangePublisher {
  private static final Logger LOG = Logger.getLogger(StatusChangePublisher.class);

  /** Sends of one {@link #publishAll} outstanding at once; below the emitter's buffer (128). */
  private static final int IN_FLIGHT = 64;

  private final MutinyEmitter<String> statusChanges;
  private final MutinyEmitter<String> rollbacks;
  private final MutinyEmitter<String> rollbackOutcomes;
  private final OutboxRepository outbox;
  private final TrackerConfig config;
  private final Counter unacknowledged;
  private final Timer published;

  public StatusChangePublisher(
      @Channel("status-changes-out") MutinyEmitter<String> statusChanges,
      @Channel("rollbacks-out") MutinyEmitter<String> rollbacks,
      @Channel("rollback-outcomes-out") MutinyEmitter<String> rollbackOutcomes,
      OutboxRepository outbox,
      TrackerConfig config,
      MeterRegistry registry) {
    this.unacknowledged =
        Counter.builder("hotpath.tracker.status.events.unacknowledged")
            .description("Status-change events not acknowledged in time, left for the relay")
            .register(registry);
    this.published =
        Timer.builder("hotpath.tracker.status.publish.duration")
            .description(
                "From the start of a publication of committed events to Kafka's acknowledgement"
                    + " and the outbox marked")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    this.statusChanges = statusChanges;
    this.rollbacks = rollbacks;
    this.rollbackOutcomes = rollbackOutcomes;
    this.outbox = outbox;
    this.config = config;
  }

  /** True once Kafka acknowledged the event and the outbox says so; false if it is left over. */
  public Uni<Boolean> publish(OutboxEvent event) {
    return send(event)
        .chain(
            acknowledged ->
                acknowledged
                    ? Panache.withTransaction(
                            () -> outbox.markPublished(event.eventId(), Instant.now()))
                        .map(marked -> true)
                    : Uni.createFrom().item(false))
        .onFailure()
        .recoverWithItem(failure -> leftOver(event, failure));
  }

  /**
   * Publishes many events with up to {@value #IN_FLIGHT} sends outstanding, then marks those Kafka
   * acknowledged in one transaction; the number marked. The others are left for the relay.
   */
  public Uni<Integer> publishAll(List<OutboxEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return Uni.createFrom()
        .deferred(
            () -> {
              Timer.Sample sample = Timer.start();
              return sendAll(events).invoke(() -> sample.stop(published));
            });
  }

  private Uni<Integer> sendAll(List<OutboxEvent> events) {
    if (events.size() == 1) {
      return publish(events.get(0)).map(published -> published ? 1 : 0);
    }
    return Multi.createFrom()
        .iterable(events)
        .onItem()
        .transformToUni(
            event ->
                send(event)
                    .onFailure()
                    .recoverWithItem(failure -> leftOver(event, failure))
                    .map(acknowledged -> acknowledged ? event.eventId() : null))
        .merge(IN_FLIGHT)
        .filter(Objects::nonNull)
        .collect()
        .asList()
        .chain(
            acknowledged ->
                acknowledged.isEmpty()
                    ? Uni.createFrom().item(0)
                    : Panache.withTransaction(
                        () -> outbox.markPublished(acknowledged, Instant.now())))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(
                  "%d events sent but not marked published, the relay will send them again: %s",
                  events.size(), failure.toString());
              return 0;
            });
  }

  /** Sends the event; true once Kafka acknowledged it, a failure if it did not in time. */
  private Uni<Boolean> send(OutboxEvent event) {
    MutinyEmitter<String> emitter =
        switch (event.topic()) {
          case Topics.ROLLBACKS -> rollbacks;
          case Topics.ROLLBACK_OUTCOMES -> rollbackOutcomes;
          default -> statusChanges;
        };
    return emitter
        .sendMessage(
            Message.of(event.payload())
                .addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(PartitionKeys.of(event.tenant(), event.service()))
                        .build()))
        .ifNoItem()
        .after(config.publish().timeout())
        .fail()
        .replaceWith(true);
  }

  private boolean leftOver(OutboxEvent event, Throwable failure) {
    unacknowledged.increment();
    LOG.warnf(
        "Event %s to %s of %s/%s not acknowledged yet, the relay will send it: %s",
        event.eventId(), event.topic(), event.tenant(), event.service(), failure.toString());
    return false;
  }
}
