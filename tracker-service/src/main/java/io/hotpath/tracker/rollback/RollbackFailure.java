package io.hotpath.tracker.rollback;

/**
 * An attempt that failed. Transient failures (connection errors, HTTP 5xx and 429, Kubernetes
 * conflicts) are tried again; permanent ones (other 4xx, not found, bad configuration) end the
 * command at once. The message is shown to users: it never carries a secret.
 */
public class RollbackFailure extends RuntimeException {
  private final boolean transientFailure;

  private RollbackFailure(String detail, boolean transientFailure, Throwable cause) {
    super(detail, cause, false, false);
    this.transientFailure = transientFailure;
  }

  public static RollbackFailure temporary(String detail) {
    return new RollbackFailure(detail, true, null);
  }

  public static RollbackFailure permanent(String detail) {
    return new RollbackFailure(detail, false, null);
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
