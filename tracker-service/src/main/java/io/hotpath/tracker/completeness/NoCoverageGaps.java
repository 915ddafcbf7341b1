package io.hotpath.tracker.completeness;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** No coverage gaps: the tracker does not consume the planner's gaps yet. */
@DefaultBean
@ApplicationScoped
public class NoCoverageGaps implements CoverageGaps {

  @Override
  public Uni<List<CoverageGap>> open(String tenant, Optional<String> service) {
    return Uni.createFrom().item(List.of());
  }
}
