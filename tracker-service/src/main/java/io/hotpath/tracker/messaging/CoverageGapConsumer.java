package io.hotpath.tracker.messaging;

import io.hotpath.contracts.plan.CoverageGapFound;
import io.hotpath.tracker.service.MatrixUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the planner's coverage gaps, which hold a service back from complete. Acknowledged after
 * the transaction committed; unreadable records go to {@code hotpath.coverage-gaps.v1.dlq}.
 */
@ApplicationScoped
public class CoverageGapConsumer {
  private static final Logger LOG = Logger.getLogger(CoverageGapConsumer.class);

  private final MatrixUpdates matrix;

  public CoverageGapConsumer(MatrixUpdates matrix) {
    this.matrix = matrix;
  }

  @Incoming("coverage-gaps-in")
  public Uni<Void> onGap(String payload) {
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(payload, CoverageGapFound.class))
        .chain(matrix::recordCoverageGap)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "coverage gap", failure));
  }
}
