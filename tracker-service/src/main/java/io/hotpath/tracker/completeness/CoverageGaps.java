package io.hotpath.tracker.completeness;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Where the planner's coverage gaps come from. The planner publishes them on a topic of its own
 * ({@code hotpath.coverage-gaps.v1}) that is not in the contracts yet; until it is, the tracker
 * knows of none ({@link NoCoverageGaps}). A consumer of that topic replaces this bean.
 */
public interface CoverageGaps {

  /** The open gaps of a tenant, of one service or of all when {@code service} is empty. */
  Uni<List<CoverageGap>> open(String tenant, Optional<String> service);
}
