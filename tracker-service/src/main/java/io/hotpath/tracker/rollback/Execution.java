package io.hotpath.tracker.rollback;

import io.hotpath.contracts.tracking.RollbackOutcome;

/** How one attempt ended when it did not throw: what happened, in words fit for a user. */
public record Execution(RollbackOutcome outcome, String detail) {
  public static Execution succeeded(String detail) {
    return new Execution(RollbackOutcome.SUCCEEDED, detail);
  }

  public static Execution skipped(String detail) {
    return new Execution(RollbackOutcome.SKIPPED, detail);
  }
}
