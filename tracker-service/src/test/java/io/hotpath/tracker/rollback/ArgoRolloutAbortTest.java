package io.hotpath.tracker.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackOutcome;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code kubectl argo rollouts abort} against the fabric8 mock API server: the exact request. */
class ArgoRolloutAbortTest {
  private static final String ROLLOUT =
      "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/checkout";
  private static final String ROLLOUT_JSON =
      "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Rollout\","
          + "\"metadata\":{\"name\":\"checkout\",\"namespace\":\"shop\"},"
          + "\"status\":{\"abort\":true}}";

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
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

  private ArgoRolloutAbort abort() {
    return new ArgoRolloutAbort(
        () -> client, new RollbackSettings.Kubernetes(true, "default", Map.of()));
  }

  @Test
  void mergePatchesAbortTrueOnTheStatusSubresource() throws Exception {
    server.expect().patch().withPath(ROLLOUT + "/status").andReturn(200, ROLLOUT_JSON).once();

    Execution done =
        abort().execute(Commands.command(RollbackMethod.ARGO_ROLLOUT_ABORT, "shop/checkout"));

    assertThat(done.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(done.detail()).isEqualTo("rollout shop/checkout aborted");
    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest patch = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo(ROLLOUT + "/status");
    assertThat(patch.getHeader("Content-Type")).startsWith("application/merge-patch+json");
    assertThat(patch.getUtf8Body()).isEqualTo("{\"status\":{\"abort\":true}}");
  }

  @Test
  void patchesTheRolloutItselfWhenTheStatusSubresourceIsNotServed() throws Exception {
    server.expect().patch().withPath(ROLLOUT + "/status").andReturn(404, null).once();
    server.expect().patch().withPath(ROLLOUT).andReturn(200, ROLLOUT_JSON).once();

    Execution done =
        abort().execute(Commands.command(RollbackMethod.ARGO_ROLLOUT_ABORT, "shop/checkout"));

    assertThat(done.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(server.getRequestCount()).isEqualTo(2);
    server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest fallback = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(fallback.getMethod()).isEqualTo("PATCH");
    assertThat(fallback.getPath()).isEqualTo(ROLLOUT);
    assertThat(fallback.getUtf8Body()).isEqualTo("{\"status\":{\"abort\":true}}");
  }

  @Test
  void aMissingRolloutFailsPermanentlyAndA503IsTransient() {
    server.expect().patch().withPath(ROLLOUT + "/status").andReturn(404, null).once();
    server.expect().patch().withPath(ROLLOUT).andReturn(404, null).once();
    assertThatThrownBy(
            () ->
                abort()
                    .execute(Commands.command(RollbackMethod.ARGO_ROLLOUT_ABORT, "shop/checkout")))
        .isInstanceOf(RollbackFailure.class)
        .hasMessage("rollout shop/checkout not found")
        .matches(f -> !((RollbackFailure) f).isTransient());

    server.expect().patch().withPath(ROLLOUT + "/status").andReturn(503, null).once();
    assertThatThrownBy(
            () ->
                abort()
                    .execute(Commands.command(RollbackMethod.ARGO_ROLLOUT_ABORT, "shop/checkout")))
        .isInstanceOf(RollbackFailure.class)
        .hasMessageStartingWith("aborting rollout shop/checkout failed: HTTP 503")
        .matches(f -> ((RollbackFailure) f).isTransient());
  }
}
