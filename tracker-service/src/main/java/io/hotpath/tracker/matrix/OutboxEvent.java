package io.hotpath.tracker.matrix;

import io.hotpath.contracts.Events;
import io.hotpath.contracts.Topics;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.tracking.BottleneckStatus;
import io.hotpath.contracts.tracking.BottleneckStatusChanged;
import io.hotpath.contracts.tracking.RollbackRequested;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event written in the transaction of the change it announces, kept until Kafka acknowledged it:
 * a status change committed in the database is never left unannounced.
 */
@Entity
@Table(name = "status_event_outbox")
public class OutboxEvent {
  @Id
  @Column(name = "event_id")
  private UUID eventId;

  @Column(nullable = false)
  private String tenant;

  @Column(nullable = false)
  private String service;

  /** The topic the event goes to: status changes, or rollback commands. */
  @Column(nullable = false)
  private String topic;

  /** The event as JSON, exactly as it goes on the topic. */
  @Column(nullable = false, columnDefinition = "text")
  private String payload;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "published_at")
  private Instant publishedAt;

  protected OutboxEvent() {}

  public static OutboxEvent of(
      UUID eventId, String tenant, String service, String payload, Instant now) {
    return of(Topics.STATUS_CHANGES, eventId, tenant, service, payload, now);
  }

  public static OutboxEvent of(
      String topic, UUID eventId, String tenant, String service, String payload, Instant now) {
    OutboxEvent event = new OutboxEvent();
    event.topic = topic;
    event.eventId = eventId;
    event.tenant = tenant;
    event.service = service;
    event.payload = payload;
    event.createdAt = now;
    return event;
  }

  /** The announcement of a status change of {@code b}, ready to go into the outbox. */
  public static OutboxEvent statusChanged(
      UUID eventId,
      TrackedBottleneck b,
      BottleneckStatus from,
      BottleneckStatus to,
      String actor,
      String reason,
      Instant now) {
    BottleneckStatusChanged event =
        new BottleneckStatusChanged(
            eventId,
            Events.SCHEMA_VERSION,
            b.tenant(),
            b.service(),
            b.environment(),
            b.version(),
            null,
            now,
            b.fingerprint(),
            b.humanId(),
            from,
            to,
            actor,
            reason);
    return of(eventId, b.tenant(), b.service(), EventJson.write(event), now);
  }

  public UUID eventId() {
    return eventId;
  }

  /** A rollback command, written with the FAILED status that caused it. */
  public static OutboxEvent rollbackRequested(RollbackRequested command, Instant now) {
    return of(
        Topics.ROLLBACKS,
        command.eventId(),
        command.tenant(),
        command.service(),
        EventJson.write(command),
        now);
  }

  public String topic() {
    return topic;
  }

  public String tenant() {
    return tenant;
  }

  public String service() {
    return service;
  }

  public String payload() {
    return payload;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant publishedAt() {
    return publishedAt;
  }
}
