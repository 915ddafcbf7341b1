package io.hotpath.tracker.rollback;

import io.hotpath.contracts.tracking.RollbackRequested;

/** Carries out a rollback command one way. One call is one attempt; {@link Attempts} retries. */
public interface RollbackExecutor {
  /** Who the outcome and the bottleneck's history name, e.g. {@code rollback/webhook}. */
  String name();

  /** What an attempt would do, for a dry run; no secrets. */
  String describe(RollbackRequested command);

  /** One attempt. Throws {@link RollbackFailure} when it did not work. */
  Execution execute(RollbackRequested command);
}
