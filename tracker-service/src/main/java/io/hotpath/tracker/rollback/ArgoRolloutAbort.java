package io.hotpath.tracker.rollback;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.util.function.Supplier;

/**
 * ARGO_ROLLOUT_ABORT: what {@code kubectl argo rollouts abort <name>} does. A JSON merge patch
 * {@code {"status":{"abort":true}}} on the Rollout's {@code status} subresource ({@code
 * argoproj.io/v1alpha1}); where the status subresource is not served (404), the same patch on the
 * Rollout itself. Argo then scales the stable ReplicaSet back up and the canary down.
 */
public final class ArgoRolloutAbort implements RollbackExecutor {
  public static final String NAME = "rollback/argo-rollouts";
  static final String ABORT_PATCH = "{\"status\":{\"abort\":true}}";
  static final ResourceDefinitionContext ROLLOUT =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("Rollout")
          .withPlural("rollouts")
          .withNamespaced(true)
          .build();

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
    KubernetesTarget target = KubernetesTarget.of(command, settings);
    var rollout =
        client
            .get()
            .genericKubernetesResources(ROLLOUT)
            .inNamespace(target.namespace())
            .withName(target.name());
    try {
      rollout.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), ABORT_PATCH);
    } catch (KubernetesClientException failure) {
      if (failure.getCode() != 404) {
        throw KubernetesFailures.of("aborting rollout " + target, failure);
      }
      try {
        rollout.patch(PatchContext.of(PatchType.JSON_MERGE), ABORT_PATCH);
      } catch (KubernetesClientException again) {
        if (again.getCode() == 404) {
          throw RollbackFailure.permanent("rollout " + target + " not found");
        }
        throw KubernetesFailures.of("aborting rollout " + target, again);
      }
    }
    return Execution.succeeded("rollout " + target + " aborted");
  }
}
