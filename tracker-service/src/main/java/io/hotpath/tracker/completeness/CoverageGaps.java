package io.hotpath.tracker.completeness;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Where the planner's coverage gaps come from: the planner publishes them on {@code
 * hotpath.coverage-gaps.v1}; the tracker stores them ({@link StoredCoverageGaps}).
 */
public interface CoverageGaps {

  /** The open gaps of a tenant, of one service or of all when {@code service} is empty. */
  Uni<List<CoverageGap>> open(String tenant, Optional<String> service);
}
