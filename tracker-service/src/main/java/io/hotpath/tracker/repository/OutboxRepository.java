package io.hotpath.tracker.repository;

import io.hotpath.tracker.matrix.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Status-change events waiting for Kafka's acknowledgement. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

  /** Unpublished events created before {@code before}, oldest first. */
  public Uni<List<OutboxEvent>> pending(Instant before, int limit) {
    return find("publishedAt is null and createdAt < ?1 order by createdAt", before)
        .page(0, limit)
        .list();
  }

  /** Deletes events Kafka acknowledged before {@code before}; the history keeps the changes. */
  public Uni<Long> prunePublished(Instant before) {
    return delete("publishedAt < ?1", before);
  }

  public Uni<Integer> markPublished(UUID eventId, Instant at) {
    return update("publishedAt = ?1 where eventId = ?2 and publishedAt is null", at, eventId);
  }

  /**
   * Marks many events published in one statement, their ids in one array parameter ({@link
   * ArrayParameters}); how many were still unpublished.
   */
  public Uni<Integer> markPublished(Collection<UUID> eventIds, Instant at) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update status_event_outbox set published_at = :at"
                            + " where event_id = any(cast(:ids as uuid[]))"
                            + " and published_at is null")
                    .setParameter("at", at)
                    .setParameter("ids", ArrayParameters.uuids(eventIds))
                    .executeUpdate());
  }
}
