package io.hotpath.contracts.tracking;

/** How a rollback command ended. */
public enum RollbackOutcome {
  SUCCEEDED,
  FAILED,
  /** Nothing was changed: a dry run, or the command was already carried out. */
  SKIPPED
}
