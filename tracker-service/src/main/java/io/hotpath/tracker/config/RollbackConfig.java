package io.hotpath.tracker.config;

import io.hotpath.contracts.plan.RollbackMethod;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollback executor: retries, dry run, and one group per executor. A tenant may override the
 * dry-run switch, the Kubernetes namespace and the feature-flag and webhook groups (a tenant's
 * group replaces the global one whole). Header values may carry credentials: they are never logged
 * nor shown.
 */
@ConfigMapping(prefix = "hotpath.rollback")
public interface RollbackConfig {

  /** Record what would be done (outcome SKIPPED) and call nothing. */
  @WithDefault("false")
  boolean dryRun();

  /** Attempts per command, the first included; only transient failures are tried again. */
  @WithDefault("5")
  int maxAttempts();

  /**
   * The wait before the second attempt; it doubles after each attempt up to {@link #maxBackoff}.
   */
  @WithDefault("PT1S")
  Duration initialBackoff();

  @WithDefault("PT30S")
  Duration maxBackoff();

  /**
   * A command still RUNNING this long after its claim was interrupted (the tracker stopped while it
   * ran): it is finished as FAILED, never run again, since the rollback may have happened.
   */
  @WithDefault("PT15M")
  Duration staleAfter();

  /** How often interrupted commands are looked for. */
  @WithDefault("PT1M")
  Duration sweepInterval();

  Kubernetes kubernetes();

  FeatureFlag featureFlag();

  Webhook webhook();

  /** Overrides per tenant, by tenant name. */
  Map<String, Tenant> tenants();

  /** KUBERNETES_ROLLOUT_UNDO and ARGO_ROLLOUT_ABORT. */
  interface Kubernetes {
    /** Off: commands of these methods fail with "not configured"; no cluster is contacted. */
    @WithDefault("false")
    boolean enabled();

    /** A kubeconfig file; absent: the pod's service account (in cluster), else ~/.kube/config. */
    Optional<String> kubeconfig();

    /** Namespace when the command's target is not {@code <namespace>/<name>}. */
    @WithDefault("default")
    String namespace();

    /** Deployment (or Rollout) name per service, when it is not the service's name. */
    Map<String, String> names();

    @WithDefault("PT10S")
    Duration requestTimeout();
  }

  /** FEATURE_FLAG: one HTTP call that turns the fix's flag off. */
  interface FeatureFlag {
    /** URL template, e.g. {@code https://flags.example.com/api/flags/{flag}}; absent: off. */
    Optional<String> url();

    @WithDefault("PATCH")
    String method();

    /** Extra request headers (e.g. {@code Authorization}); values are secret. */
    Map<String, String> headers();

    @WithDefault("application/json")
    String contentType();

    /** Body template; placeholders are JSON-escaped when the content type is JSON. */
    @WithDefault("{\"flag\":\"{flag}\",\"enabled\":false}")
    String body();

    /** The flag key per service; absent: the command's target. */
    Map<String, String> flags();

    @WithDefault("PT10S")
    Duration timeout();
  }

  /** WEBHOOK (and the other listed methods): POST the command as JSON. */
  interface Webhook {
    /** Absent: off. */
    Optional<String> url();

    /** Extra request headers (e.g. {@code Authorization}); values are secret. */
    Map<String, String> headers();

    /** The methods whose commands go to the webhook. */
    @WithDefault("WEBHOOK,REVERT,CONFIG_CHANGE")
    List<RollbackMethod> methods();

    @WithDefault("PT10S")
    Duration timeout();
  }

  interface Tenant {
    Optional<Boolean> dryRun();

    Optional<String> namespace();

    Optional<FeatureFlag> featureFlag();

    Optional<Webhook> webhook();
  }
}
