package io.hotpath.tracker.rollback;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackRequested;
import io.hotpath.tracker.config.RollbackConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Picks the executor for a command's method under its tenant's settings, or says what is missing.
 * The Kubernetes client is built on first use only, so a tracker without Kubernetes never looks for
 * a cluster.
 */
@ApplicationScoped
public class RollbackExecutors {
  private final RollbackConfig config;
  private final HttpClient http =
      HttpClient.newBuilder()
          // Plain HTTP/1.1: no h2c upgrade headers that some webhook receivers refuse.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private volatile KubernetesClient kubernetes;

  public RollbackExecutors(RollbackConfig config) {
    this.config = config;
  }

  /** The executor for the command, or why there is none. */
  public record Choice(Optional<RollbackExecutor> executor, String missing) {
    static Choice of(RollbackExecutor executor) {
      return new Choice(Optional.of(executor), null);
    }

    static Choice none(String missing) {
      return new Choice(Optional.empty(), missing);
    }
  }

  public RollbackSettings settingsOf(String tenant) {
    return RollbackSettings.of(config, tenant);
  }

  public Choice choose(RollbackRequested command, RollbackSettings settings) {
    RollbackMethod method = command.method();
    switch (method) {
      case KUBERNETES_ROLLOUT_UNDO, ARGO_ROLLOUT_ABORT -> {
        if (!settings.kubernetes().enabled()) {
          return Choice.none(
              "no executor configured for "
                  + method
                  + ": set hotpath.rollback.kubernetes.enabled=true (in-cluster service account,"
                  + " or hotpath.rollback.kubernetes.kubeconfig)");
        }
        return Choice.of(
            method == RollbackMethod.KUBERNETES_ROLLOUT_UNDO
                ? new KubernetesRolloutUndo(this::kubernetes, settings.kubernetes())
                : new ArgoRolloutAbort(this::kubernetes, settings.kubernetes()));
      }
      case FEATURE_FLAG -> {
        if (settings.featureFlag().isPresent()) {
          return Choice.of(new FeatureFlagExecutor(http, settings.featureFlag().get()));
        }
      }
      default -> {}
    }
    if (settings.webhook().isPresent() && settings.webhook().get().methods().contains(method)) {
      return Choice.of(new WebhookExecutor(http, settings.webhook().get()));
    }
    return Choice.none(
        "no executor configured for "
            + method
            + (method == RollbackMethod.FEATURE_FLAG
                ? ": set hotpath.rollback.feature-flag.url, or list FEATURE_FLAG in"
                    + " hotpath.rollback.webhook.methods"
                : ": set hotpath.rollback.webhook.url and list "
                    + method
                    + " in hotpath.rollback.webhook.methods"));
  }

  private KubernetesClient kubernetes() {
    KubernetesClient client = kubernetes;
    if (client == null) {
      synchronized (this) {
        client = kubernetes;
        if (client == null) {
          client = new KubernetesClientBuilder().withConfig(kubernetesConfig()).build();
          kubernetes = client;
        }
      }
    }
    return client;
  }

  private Config kubernetesConfig() {
    RollbackConfig.Kubernetes k8s = config.kubernetes();
    Config base;
    if (k8s.kubeconfig().isPresent()) {
      try {
        base = Config.fromKubeconfig(Files.readString(Path.of(k8s.kubeconfig().get())));
      } catch (IOException unreadable) {
        throw RollbackFailure.permanent(
            "the kubeconfig file hotpath.rollback.kubernetes.kubeconfig names cannot be read");
      }
    } else {
      // The pod's service account when in a cluster, else ~/.kube/config.
      base = Config.autoConfigure(null);
    }
    int timeout = (int) k8s.requestTimeout().toMillis();
    // Attempts retries; the client's own retries would multiply them.
    return new ConfigBuilder(base)
        .withRequestRetryBackoffLimit(0)
        .withRequestTimeout(timeout)
        .withConnectionTimeout(timeout)
        .build();
  }

  @PreDestroy
  void close() {
    KubernetesClient client = kubernetes;
    if (client != null) {
      client.close();
    }
  }
}
