package io.hotpath.tracker.completeness;

import io.hotpath.tracker.matrix.PlanningGap;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.repository.CoverageGapRepository;
import io.hotpath.tracker.repository.PlanRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The planner's coverage gaps as the tracker stored them from {@code hotpath.coverage-gaps.v1}: a
 * gap is open while no plan for its bottleneck is newer than it. Runs in the caller's session.
 */
@ApplicationScoped
public class StoredCoverageGaps implements CoverageGaps {
  private final CoverageGapRepository gaps;
  private final PlanRepository plans;

  public StoredCoverageGaps(CoverageGapRepository gaps, PlanRepository plans) {
    this.gaps = gaps;
    this.plans = plans;
  }

  @Override
  public Uni<List<CoverageGap>> open(String tenant, Optional<String> service) {
    return gaps.ofTenant(tenant, service)
        .chain(
            found ->
                plans
                    .forFingerprints(tenant, found.stream().map(PlanningGap::fingerprint).toList())
                    .map(
                        planned -> {
                          Map<String, TrackedPlan> planByFingerprint =
                              planned.stream()
                                  .collect(
                                      Collectors.toMap(
                                          p -> p.key().bottleneckFingerprint(),
                                          Function.identity()));
                          return found.stream()
                              .filter(gap -> isOpen(gap, planByFingerprint.get(gap.fingerprint())))
                              .map(
                                  gap ->
                                      new CoverageGap(
                                          gap.service(),
                                          gap.fingerprint(),
                                          gap.severity(),
                                          gap.detail() == null || gap.detail().isBlank()
                                              ? gap.reason()
                                              : gap.reason() + ": " + gap.detail()))
                              .toList();
                        }));
  }

  static boolean isOpen(PlanningGap gap, TrackedPlan plan) {
    return plan == null || plan.proposedAt().isBefore(gap.foundAt());
  }
}
