package io.hotpath.tracker.repository;

import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.TrackedPlan;
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
    return ArrayParameters.ofTenant(
        TrackedPlan.class, "bottleneck_plan", "bottleneck_fingerprint", tenant, fingerprints);
  }
}
