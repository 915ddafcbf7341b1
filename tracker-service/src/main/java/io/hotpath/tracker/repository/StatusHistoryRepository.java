package io.hotpath.tracker.repository;

import io.hotpath.tracker.matrix.StatusChange;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The status history of bottlenecks, oldest first. */
@ApplicationScoped
public class StatusHistoryRepository implements PanacheRepositoryBase<StatusChange, Long> {

  public Uni<List<StatusChange>> of(TrackedBottleneck bottleneck) {
    return list("bottleneck.id = ?1 order by at, id", bottleneck.id());
  }
}
