package io.hotpath.tracker.rollback;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.util.function.Supplier;

/**
 * ARGO_ROLLOUT_ABORT: what {@code kubectl argo rollouts abort <name>} does. A JSON merge patch
 * {@code {"status":{"abort":true}}} on the Rollout's {@code status} subresource ({@code
 * argoproj.io/v1alpha1}); where the status subresource is not served (404), the same patch on the
 * Rollout itself. The patch goes out as one request, as kubectl sends it. Argo then scales the
 * stable ReplicaSet back up and the canary down.
 */
public final class ArgoRolloutAbort implements RollbackExecutor {
  public static final String NAME = "rollback/argo-rollouts";
  static final String ABORT_PATCH = "{\"status\":{\"abort\":true}}";

  private final Supplier<KubernetesClient> client;
  private final RollbackSettings.Kubernetes settings;

  public ArgoRolloutAbort(Supplier<KubernetesClient> client, RollbackSettings.Kubernetes settings) {
    this.client = client;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe(RollbackRequested command) {
    return "would abort Argo rollout " + KubernetesTarget.of(command, settings);
  }

  @Override
  public Execution execute(RollbackRequested command) {
    KubernetesTarget target = KubernetesTarget.of(command, settings).requireValid();
    String path =
        "/apis/argoproj.io/v1alpha1/namespaces/"
            + target.namespace()
            + "/rollouts/"
            + target.name();
    KubernetesClient k8s = client.get();
    String what = "aborting rollout " + target;
    if (KubernetesPatch.send(k8s, path + "/status", KubernetesPatch.MERGE_PATCH, ABORT_PATCH, what)
            == 404
        && KubernetesPatch.send(k8s, path, KubernetesPatch.MERGE_PATCH, ABORT_PATCH, what) == 404) {
      throw RollbackFailure.permanent("rollout " + target + " not found");
    }
    return Execution.succeeded("rollout " + target + " aborted");
  }
}
