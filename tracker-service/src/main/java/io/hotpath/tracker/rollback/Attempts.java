package io.hotpath.tracker.rollback;

import io.hotpath.contracts.tracking.RollbackOutcome;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs an executor until it succeeds, fails permanently, or used up its attempts. Transient
 * failures wait before the next attempt: the initial backoff, doubled each time, at most the
 * maximum.
 */
public final class Attempts {
  private static final Logger LOG = Logger.getLogger(Attempts.class);

  /** How the wait between attempts happens; tests may pass one that does not wait long. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause) throws InterruptedException;
  }

  /** The end of a command's execution: outcome, detail, and how many attempts it took. */
  public record Result(String executor, RollbackOutcome outcome, String detail, int attempts) {}

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;

  public Attempts(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {
    this.maxAttempts = Math.max(1, maxAttempts);
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.sleeper = sleeper;
  }

  public static Attempts of(RollbackSettings settings) {
    return new Attempts(
        settings.maxAttempts(),
        settings.initialBackoff(),
        settings.maxBackoff(),
        pause -> Thread.sleep(pause.toMillis()));
  }

  public Result run(RollbackExecutor executor, RollbackRequested command) {
    Duration pause = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        Execution done = executor.execute(command);
        return new Result(executor.name(), done.outcome(), done.detail(), attempt);
      } catch (RollbackFailure failure) {
        if (!failure.isTransient()) {
          return new Result(executor.name(), RollbackOutcome.FAILED, failure.getMessage(), attempt);
        }
        if (attempt >= maxAttempts) {
          return new Result(
              executor.name(),
              RollbackOutcome.FAILED,
              failure.getMessage() + " (gave up after " + attempt + " attempts)",
              attempt);
        }
        LOG.infof(
            "Rollback %s attempt %d failed, next in %s: %s",
            command.commandId(), attempt, pause, failure.getMessage());
        try {
          sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return new Result(
              executor.name(),
              RollbackOutcome.FAILED,
              failure.getMessage() + " (interrupted after " + attempt + " attempts)",
              attempt);
        }
        pause = pause.multipliedBy(2);
        if (pause.compareTo(maxBackoff) > 0) {
          pause = maxBackoff;
        }
      } catch (RuntimeException unexpected) {
        // A bug or a bad configuration the executor did not foresee: never retried blindly.
        LOG.warnf(unexpected, "Rollback %s failed unexpectedly", command.commandId());
        return new Result(
            executor.name(),
            RollbackOutcome.FAILED,
            "unexpected failure: " + unexpected.getClass().getSimpleName(),
            attempt);
      }
    }
  }
}
