package io.hotpath.tracker.repository;

import io.hotpath.tracker.alert.IncidentFix;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** The fixes incidents were correlated with, and the rollback commands they requested. */
@ApplicationScoped
public class IncidentFixRepository implements PanacheRepositoryBase<IncidentFix, Long> {

  /** The fixes of these incidents, with their bottlenecks, in the order they were recorded. */
  public Uni<List<IncidentFix>> ofIncidents(Collection<Long> incidentIds) {
    if (incidentIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list(
        "from IncidentFix f join fetch f.bottleneck join fetch f.incident"
            + " where f.incident.id in ?1 order by f.id",
        List.copyOf(incidentIds));
  }

  /** Ids of the incidents correlated with one bottleneck, newest first. */
  public Uni<List<Long>> incidentsOf(long bottleneckId, int limit) {
    return find(
            "select f.incident.id from IncidentFix f where f.bottleneck.id = ?1"
                + " order by f.incident.id desc",
            bottleneckId)
        .project(Long.class)
        .page(0, limit)
        .list();
  }

  /**
   * A rollback command an earlier incident already requested for this fix as shipped by this
   * deployment, or null.
   */
  public Uni<IncidentFix> commandFor(long bottleneckId, java.util.UUID deploymentEventId) {
    return find(
            "from IncidentFix f join fetch f.incident where f.bottleneck.id = ?1"
                + " and f.incident.deploymentEventId = ?2 and f.commandId is not null"
                + " order by f.id",
            bottleneckId,
            deploymentEventId)
        .firstResult();
  }
}
