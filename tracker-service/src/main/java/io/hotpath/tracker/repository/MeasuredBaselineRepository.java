package io.hotpath.tracker.repository;

import io.hotpath.tracker.baseline.MeasuredBaseline;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Measured baselines by (tenant, service, environment, version). */
@ApplicationScoped
public class MeasuredBaselineRepository
    implements PanacheRepositoryBase<MeasuredBaseline, MeasuredBaseline.Key> {

  /** A service's measured baselines, optionally of one version, by environment then version. */
  public Uni<List<MeasuredBaseline>> ofService(String tenant, String service, String version) {
    Sort order = Sort.by("key.environment").and("key.version");
    return version == null
        ? list("key.tenant = ?1 and key.service = ?2", order, tenant, service)
        : list(
            "key.tenant = ?1 and key.service = ?2 and key.version = ?3",
            order,
            tenant,
            service,
            version);
  }
}
