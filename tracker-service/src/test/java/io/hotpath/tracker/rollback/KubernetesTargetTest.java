package io.hotpath.tracker.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.plan.RollbackMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesTargetTest {
  private static final RollbackSettings.Kubernetes K8S =
      new RollbackSettings.Kubernetes(true, "apps", Map.of("checkout", "checkout-api"));

  @Test
  void takesNamespaceAndNameFromANamespacedTarget() {
    assertThat(
            KubernetesTarget.of(
                Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/web"), K8S))
        .isEqualTo(new KubernetesTarget("shop", "web"));
  }

  @Test
  void usesTheDefaultNamespaceAndTheNameConfiguredForTheService() {
    assertThat(
            KubernetesTarget.of(
                Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "checkout"), K8S))
        .isEqualTo(new KubernetesTarget("apps", "checkout-api"));
    RollbackSettings.Kubernetes plain = new RollbackSettings.Kubernetes(true, "apps", Map.of());
    assertThat(
            KubernetesTarget.of(Commands.command(RollbackMethod.ARGO_ROLLOUT_ABORT, null), plain))
        .isEqualTo(new KubernetesTarget("apps", "checkout"));
  }

  @Test
  void refusesATargetThatIsNoKubernetesName() {
    KubernetesTarget bad =
        KubernetesTarget.of(
            Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/web?dryRun=All"), K8S);
    assertThatThrownBy(bad::requireValid)
        .isInstanceOf(RollbackFailure.class)
        .hasMessage("'shop/web?dryRun=All' is not a valid Kubernetes <namespace>/<name>");
  }
}
