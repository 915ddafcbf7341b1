package io.hotpath.tracker.repository;

import io.hotpath.tracker.alert.AlertIncident;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Incidents from Alertmanager, one per (tenant, group key, alert fingerprint). */
@ApplicationScoped
public class AlertIncidentRepository implements PanacheRepositoryBase<AlertIncident, Long> {

  public Uni<AlertIncident> findByKey(String tenant, String groupKey, String fingerprint) {
    return find("tenant = ?1 and groupKey = ?2 and fingerprint = ?3", tenant, groupKey, fingerprint)
        .firstResult();
  }

  /** The tenant's incidents, newest first; optionally of one status or service. */
  public Uni<List<AlertIncident>> latest(
      String tenant, Optional<AlertIncident.Status> status, Optional<String> service, int limit) {
    StringBuilder query = new StringBuilder("tenant = :tenant");
    var params = io.quarkus.panache.common.Parameters.with("tenant", tenant);
    if (status.isPresent()) {
      query.append(" and status = :status");
      params = params.and("status", status.get());
    }
    if (service.isPresent()) {
      query.append(" and service = :service");
      params = params.and("service", service.get());
    }
    query.append(" order by createdAt desc, id desc");
    return find(query.toString(), params).page(0, limit).list();
  }
}
