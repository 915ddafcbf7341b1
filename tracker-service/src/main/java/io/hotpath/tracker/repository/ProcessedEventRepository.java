package io.hotpath.tracker.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The event ids each consumer has applied. Claiming an id is an insert that does nothing on a
 * repeat, run inside the transaction of the event's effect: the effect and the claim commit or roll
 * back together, so an event is applied exactly once even when redelivered.
 */
@ApplicationScoped
public class ProcessedEventRepository {
  private static final Logger LOG = Logger.getLogger(ProcessedEventRepository.class);

  /**
   * Runs {@code effect} if this consumer had not yet processed the event, in the caller's
   * transaction with the claim; a repeat runs nothing and gives {@code null}.
   */
  public <T> Uni<T> once(String consumer, UUID eventId, Supplier<Uni<T>> effect) {
    return claim(consumer, eventId)
        .chain(
            fresh -> {
              if (!fresh) {
                LOG.debugf("%s already processed event %s; skipped", consumer, eventId);
                return Uni.createFrom().nullItem();
              }
              return effect.get();
            });
  }

  /** True if this consumer had not yet processed the event (it now has, once committed). */
  public Uni<Boolean> claim(String consumer, UUID eventId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at)"
                            + " values (:consumer, :eventId, now()) on conflict do nothing")
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", eventId)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  /**
   * Claims many event ids in one statement, in the caller's transaction: the ids this consumer had
   * not yet processed (it now has, once committed). Ids repeated in the list count once.
   */
  public Uni<Set<UUID>> claimAll(String consumer, List<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at)"
                            + " select :consumer, id, now() from unnest(cast(:ids as uuid[])) as id"
                            + " on conflict do nothing returning event_id",
                        UUID.class)
                    .setParameter("consumer", consumer)
                    .setParameter("ids", ArrayParameters.listOfOne(ArrayParameters.uuids(eventIds)))
                    .getResultList())
        .map(HashSet::new);
  }
}
