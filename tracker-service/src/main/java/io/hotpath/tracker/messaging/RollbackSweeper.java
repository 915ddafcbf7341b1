package io.hotpath.tracker.messaging;

import io.hotpath.tracker.config.RollbackConfig;
import io.hotpath.tracker.service.RollbackExecution;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Every {@code hotpath.rollback.sweep-interval}, finishes as FAILED the rollback commands that a
 * stop interrupted (still RUNNING after {@code stale-after}), so each command ends with an outcome.
 */
@ApplicationScoped
public class RollbackSweeper {
  private static final Logger LOG = Logger.getLogger(RollbackSweeper.class);

  private final RollbackExecution execution;
  private final RollbackConfig config;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public RollbackSweeper(RollbackExecution execution, RollbackConfig config) {
    this.execution = execution;
    this.config = config;
  }

  void start(@Observes StartupEvent started, Vertx vertx) {
    timer =
        vertx.setPeriodic(
            config.sweepInterval().toMillis(),
            id ->
                vertx.executeBlocking(
                    () -> {
                      runBlocking();
                      return null;
                    },
                    false));
  }

  void stop(@Observes ShutdownEvent stopping, Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void runBlocking() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      Integer finished =
          VertxContextSupport.subscribeAndAwait(() -> execution.sweepInterrupted(Instant.now()));
      if (finished > 0) {
        LOG.warnf("Finished %d interrupted rollback commands as FAILED", finished);
      }
    } catch (Throwable failure) {
      LOG.warnf(
          "Interrupted rollback commands not swept, tried again later: %s", failure.toString());
    } finally {
      running.set(false);
    }
  }
}
