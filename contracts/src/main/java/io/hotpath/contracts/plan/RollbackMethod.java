package io.hotpath.contracts.plan;

/** How a shipped fix is undone. */
public enum RollbackMethod {
  FEATURE_FLAG,
  KUBERNETES_ROLLOUT_UNDO,
  ARGO_ROLLOUT_ABORT,
  REVERT,
  CONFIG_CHANGE,
  WEBHOOK
}
