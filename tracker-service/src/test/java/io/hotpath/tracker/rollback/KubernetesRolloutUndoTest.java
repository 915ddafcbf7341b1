package io.hotpath.tracker.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetListBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl rollout undo} against the fabric8 mock API server in expectations mode: the exact
 * requests, and the exact JSON patch that restores the previous ReplicaSet's template.
 */
class KubernetesRolloutUndoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/shop/deployments/checkout";
  private static final String REPLICA_SETS =
      "/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dcheckout";
  private static final String UID = "5f0c1d2e-uid-of-checkout";

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    // No retries inside the client: Attempts decides about retrying.
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(server.createClient().getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private KubernetesRolloutUndo undo() {
    return new KubernetesRolloutUndo(
        () -> client, new RollbackSettings.Kubernetes(true, "default", Map.of()));
  }

  private static Deployment deployment(String image, boolean paused) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("checkout")
        .withNamespace("shop")
        .withUid(UID)
        .addToAnnotations("deployment.kubernetes.io/revision", "3")
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"x\"}")
        .addToAnnotations("team", "payments")
        .endMetadata()
        .withNewSpec()
        .withPaused(paused)
        .withNewSelector()
        .addToMatchLabels("app", "checkout")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "checkout")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("checkout")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static ReplicaSet replicaSet(String name, String revision, String image, String owner) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .addToAnnotations("deployment.kubernetes.io/revision", revision)
        .addToAnnotations("deployment.kubernetes.io/desired-replicas", "3")
        .addToAnnotations("note", "built from " + image)
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName("checkout")
        .withUid(owner)
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "checkout")
        .addToLabels("pod-template-hash", "hash-" + revision)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("checkout")
        .withImage(image)
        .addNewEnv()
        .withName("LAZY_INIT")
        .withValue("false")
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private void history(Deployment current) {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, current).once();
    server
        .expect()
        .get()
        .withPath(REPLICA_SETS)
        .andReturn(
            200,
            new ReplicaSetListBuilder()
                .addToItems(
                    replicaSet("checkout-3", "3", "checkout:1.5.0", UID),
                    replicaSet("checkout-1", "1", "checkout:1.3.0", UID),
                    replicaSet("checkout-2", "2", "checkout:1.4.2", UID),
                    // Matches the selector but belongs to another Deployment: never a candidate.
                    replicaSet("checkout-canary-9", "9", "checkout:2.0.0", "other-uid"))
                .build())
        .once();
  }

  @Test
  void patchesTheDeploymentBackToThePreviousReplicaSetsTemplate() throws Exception {
    history(deployment("checkout:1.5.0", false));
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENT)
        .andReturn(200, deployment("checkout:1.4.2", false))
        .once();

    Execution done =
        undo().execute(Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/checkout"));

    assertThat(done.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(done.detail())
        .isEqualTo(
            "deployment shop/checkout rolled back from revision 3 to the template of revision 2"
                + " (replicaset checkout-2)");
    assertThat(server.getRequestCount()).isEqualTo(3);
    RecordedRequest get = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getPath()).isEqualTo(DEPLOYMENT);
    RecordedRequest list = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(list.getMethod()).isEqualTo("GET");
    assertThat(list.getPath()).isEqualTo(REPLICA_SETS);
    RecordedRequest patch = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo(DEPLOYMENT);
    assertThat(patch.getHeader("Content-Type")).startsWith("application/json-patch+json");

    JsonNode template =
        JSON.valueToTree(
            replicaSet("checkout-2", "2", "checkout:1.4.2", UID).getSpec().getTemplate());
    ((com.fasterxml.jackson.databind.node.ObjectNode) template.path("metadata").path("labels"))
        .remove("pod-template-hash");
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("deployment.kubernetes.io/revision", "3");
    annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"x\"}");
    annotations.put("note", "built from checkout:1.4.2");
    JsonNode expected =
        JSON.readTree(
            "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":"
                + template
                + "},{\"op\":\"replace\",\"path\":\"/metadata/annotations\",\"value\":"
                + JSON.writeValueAsString(annotations)
                + "}]");
    JsonNode sent = JSON.readTree(patch.getUtf8Body());
    assertThat(sent).isEqualTo(expected);
    assertThat(sent.get(0).at("/value/spec/containers/0/image").asText())
        .isEqualTo("checkout:1.4.2");
    assertThat(sent.get(0).at("/value/metadata/labels").has("pod-template-hash")).isFalse();
  }

  @Test
  void takesTheNamespaceFromConfigAndTheNameFromTheServiceWithoutATarget() throws Exception {
    Deployment current = deployment("checkout:1.5.0", false);
    current.getMetadata().setNamespace("prod-apps");
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/prod-apps/deployments/checkout")
        .andReturn(404, null)
        .once();

    KubernetesRolloutUndo undo =
        new KubernetesRolloutUndo(
            () -> client, new RollbackSettings.Kubernetes(true, "prod-apps", Map.of()));
    assertThatThrownBy(
            () ->
                undo.execute(Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "checkout")))
        .isInstanceOf(RollbackFailure.class)
        .hasMessage("deployment prod-apps/checkout not found")
        .matches(f -> !((RollbackFailure) f).isTransient());
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/apis/apps/v1/namespaces/prod-apps/deployments/checkout");
  }

  @Test
  void skipsWhenTheTemplateAlreadyIsThePreviousRevision() {
    history(deployment("checkout:1.4.2", false));
    // The current template equals revision 2's but for the hash label and the env var.
    Deployment current = deployment("checkout:1.4.2", false);
    current
        .getSpec()
        .setTemplate(replicaSet("checkout-2", "2", "checkout:1.4.2", UID).getSpec().getTemplate());
    current.getSpec().getTemplate().getMetadata().getLabels().remove("pod-template-hash");
    server.clearExpectations();
    history(current);

    Execution done =
        undo().execute(Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/checkout"));

    assertThat(done.outcome()).isEqualTo(RollbackOutcome.SKIPPED);
    assertThat(done.detail())
        .isEqualTo("deployment shop/checkout: the current template already matches revision 2");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refusesAPausedDeploymentWithoutPatching() {
    server
        .expect()
        .get()
        .withPath(DEPLOYMENT)
        .andReturn(200, deployment("checkout:1.5.0", true))
        .once();

    assertThatThrownBy(
            () ->
                undo()
                    .execute(
                        Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/checkout")))
        .isInstanceOf(RollbackFailure.class)
        .hasMessage("deployment shop/checkout is paused; resume it before rolling it back");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aConflictOnThePatchIsTransientAndAForbiddenReadIsNot() {
    history(deployment("checkout:1.5.0", false));
    server.expect().patch().withPath(DEPLOYMENT).andReturn(409, null).once();

    assertThatThrownBy(
            () ->
                undo()
                    .execute(
                        Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/checkout")))
        .isInstanceOf(RollbackFailure.class)
        .hasMessageStartingWith("restoring revision 2 of deployment shop/checkout failed: HTTP 409")
        .matches(f -> ((RollbackFailure) f).isTransient());

    server.clearExpectations();
    server.expect().get().withPath(DEPLOYMENT).andReturn(403, null).once();
    assertThatThrownBy(
            () ->
                undo()
                    .execute(
                        Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/checkout")))
        .isInstanceOf(RollbackFailure.class)
        .hasMessageStartingWith("reading deployment shop/checkout failed: HTTP 403")
        .matches(f -> !((RollbackFailure) f).isTransient());
  }

  @Test
  void failsWithoutAPreviousRevision() {
    server
        .expect()
        .get()
        .withPath(DEPLOYMENT)
        .andReturn(200, deployment("checkout:1.5.0", false))
        .once();
    server
        .expect()
        .get()
        .withPath(REPLICA_SETS)
        .andReturn(
            200,
            new ReplicaSetListBuilder()
                .addToItems(replicaSet("checkout-3", "3", "checkout:1.5.0", UID))
                .build())
        .once();

    assertThatThrownBy(
            () ->
                undo()
                    .execute(
                        Commands.command(RollbackMethod.KUBERNETES_ROLLOUT_UNDO, "shop/checkout")))
        .isInstanceOf(RollbackFailure.class)
        .hasMessage("no rollout history found for deployment shop/checkout");
  }
}
