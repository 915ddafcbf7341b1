package io.hotpath.tracker.rollback;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Sorts the Kubernetes API's errors into transient and permanent ones. */
final class KubernetesFailures {
  private KubernetesFailures() {}

  /** 5xx, 409 (a concurrent change), 429 and no answer at all are worth another attempt. */
  static RollbackFailure of(String what, KubernetesClientException failure) {
    int code = failure.getCode();
    String status =
        code > 0
            ? "HTTP " + code + reasonOf(failure)
            : "no answer (" + rootCause(failure).getClass().getSimpleName() + ")";
    String detail = what + " failed: " + status;
    if (code <= 0 || code == 409 || code == 429 || code >= 500) {
      return RollbackFailure.temporary(detail);
    }
    return RollbackFailure.permanent(detail);
  }

  private static String reasonOf(KubernetesClientException failure) {
    if (failure.getStatus() != null && failure.getStatus().getMessage() != null) {
      String message = failure.getStatus().getMessage().replaceAll("\\s+", " ");
      return ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }
    return "";
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
