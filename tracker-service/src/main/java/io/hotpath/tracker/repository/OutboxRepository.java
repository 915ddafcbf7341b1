package io.hotpath.tracker.repository;

import io.hotpath.tracker.matrix.OutboxEvent;
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

  /** Marks many events published in one statement; how many were still unpublished. */
  public Uni<Integer> markPublished(Collection<UUID> eventIds, Instant at) {
    return update("publishedAt = ?1 where eventId in ?2 and publishedAt is null", at, eventIds);
  }
}
