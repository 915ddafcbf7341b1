package io.hotpath.tracker.rollback;

import io.hotpath.contracts.tracking.RollbackRequested;

/**
 * The object a Kubernetes executor acts on: {@code <namespace>/<name>} from the command's target;
 * else the configured default namespace and the name configured for the service, else the target,
 * else the service.
 */
public record KubernetesTarget(String namespace, String name) {

  public static KubernetesTarget of(RollbackRequested command, RollbackSettings.Kubernetes k8s) {
    String target = command.target() == null ? "" : command.target().trim();
    int slash = target.indexOf('/');
    if (slash > 0 && slash < target.length() - 1 && target.indexOf('/', slash + 1) < 0) {
      return new KubernetesTarget(target.substring(0, slash), target.substring(slash + 1));
    }
    String configured = k8s.names().get(command.service());
    String name =
        configured != null && !configured.isBlank()
            ? configured
            : !target.isEmpty() ? target : command.service();
    return new KubernetesTarget(k8s.namespace(), name);
  }

  /** Kubernetes names are DNS subdomains; anything else would not name an object (or a path). */
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  /** This target, if both parts are valid Kubernetes names; else a permanent failure. */
  public KubernetesTarget requireValid() {
    if (!NAME.matcher(namespace).matches() || !NAME.matcher(name).matches()) {
      throw RollbackFailure.permanent(
          "'" + this + "' is not a valid Kubernetes <namespace>/<name>");
    }
    return this;
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
