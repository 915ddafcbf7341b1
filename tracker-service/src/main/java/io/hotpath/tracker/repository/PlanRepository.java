package io.hotpath.tracker.repository;

import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Plans by (tenant, bottleneck fingerprint). */
@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<TrackedPlan, PlanKey> {

  public Uni<List<TrackedPlan>> forFingerprints(String tenant, Collection<String> fingerprints) {
    if (fingerprints.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select * from bottleneck_plan where tenant = :tenant"
                            + " and bottleneck_fingerprint = any(cast(:fingerprints as text[]))",
                        TrackedPlan.class)
                    .setParameter("tenant", tenant)
                    .setParameter("fingerprints", ArrayParameters.strings(fingerprints))
                    .getResultList());
  }
}
