package io.hotpath.tracker.messaging;

import io.hotpath.tracker.service.RollbackExecution;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Every {@code hotpath.rollback.sweep-interval}, finishes as FAILED the rollback commands that a
 * stop interrupted (still RUNNING after {@code stale-after}), so each command ends with an outcome.
 */
@ApplicationScoped
public class RollbackSweeper {
  private static final Logger LOG = Logger.getLogger(RollbackSweeper.class);

  private final RollbackExecution execution;

  public RollbackSweeper(RollbackExecution execution) {
    this.execution = execution;
  }

  /** On a worker thread; a run still going when the next is due makes that one skip. */
  @Scheduled(
      identity = "interrupted-rollbacks",
      every = "{hotpath.rollback.sweep-interval}",
      delayed = "{hotpath.rollback.sweep-interval}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void sweep() {
    try {
      Integer finished =
          VertxContextSupport.subscribeAndAwait(() -> execution.sweepInterrupted(Instant.now()));
      if (finished > 0) {
        LOG.warnf("Finished %d interrupted rollback commands as FAILED", finished);
      }
    } catch (Throwable failure) {
      LOG.warnf(
          "Interrupted rollback commands not swept, tried again later: %s", failure.toString());
    }
  }
}
