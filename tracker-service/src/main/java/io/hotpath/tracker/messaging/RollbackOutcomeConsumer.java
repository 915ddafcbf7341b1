package io.hotpath.tracker.messaging;

import io.hotpath.contracts.tracking.RollbackCompleted;
import io.hotpath.tracker.service.RollbackOutcomes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies each {@code RollbackCompleted} to its bottleneck (see {@link RollbackOutcomes}).
 * Acknowledged after the transaction committed; unreadable records go to {@code
 * hotpath.rollback-outcomes.v1.dlq}.
 */
@ApplicationScoped
public class RollbackOutcomeConsumer {
  private static final Logger LOG = Logger.getLogger(RollbackOutcomeConsumer.class);

  private final RollbackOutcomes outcomes;

  public RollbackOutcomeConsumer(RollbackOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @Incoming("rollback-outcomes-in")
  public Uni<Void> onOutcome(String payload) {
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(payload, RollbackCompleted.class))
        .chain(outcomes::apply)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "rollback outcome", failure));
  }
}
