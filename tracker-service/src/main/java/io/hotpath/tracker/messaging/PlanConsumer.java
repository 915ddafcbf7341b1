package io.hotpath.tracker.messaging;

import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.tracker.service.MatrixUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps each bottleneck's latest plan. Acknowledged after the transaction committed; unreadable
 * records go to {@code hotpath.plans.v1.dlq}.
 */
@ApplicationScoped
public class PlanConsumer {
  private static final Logger LOG = Logger.getLogger(PlanConsumer.class);

  private final MatrixUpdates matrix;

  public PlanConsumer(MatrixUpdates matrix) {
    this.matrix = matrix;
  }

  @Incoming("plans-in")
  public Uni<Void> onPlan(String payload) {
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(payload, PlanProposed.class))
        .chain(matrix::recordPlan)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "plan", failure));
  }
}
