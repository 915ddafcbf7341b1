package io.hotpath.tracker.repository;

import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.PlanningGap;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The planner's coverage gaps by (tenant, bottleneck fingerprint). */
@ApplicationScoped
public class CoverageGapRepository implements PanacheRepositoryBase<PlanningGap, PlanKey> {

  /** A tenant's gaps, of one service or of all. */
  public Uni<List<PlanningGap>> ofTenant(String tenant, Optional<String> service) {
    return service
        .map(s -> list("key.tenant = ?1 and service = ?2", tenant, s))
        .orElseGet(() -> list("key.tenant", tenant));
  }
}
