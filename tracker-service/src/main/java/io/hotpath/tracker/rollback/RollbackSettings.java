package io.hotpath.tracker.rollback;

import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.tracker.config.RollbackConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollback configuration as it applies to one tenant: global values, tenant overrides on top.
 */
public record RollbackSettings(
    boolean dryRun,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Kubernetes kubernetes,
    Optional<FeatureFlag> featureFlag,
    Optional<Webhook> webhook) {

  public record Kubernetes(boolean enabled, String namespace, Map<String, String> names) {}

  public record FeatureFlag(
      String url,
      String method,
      Map<String, String> headers,
      String contentType,
      String body,
      Map<String, String> flags,
      Duration timeout) {}

  public record Webhook(
      String url, Map<String, String> headers, List<RollbackMethod> methods, Duration timeout) {}

  public static RollbackSettings of(RollbackConfig config, String tenant) {
    Optional<RollbackConfig.Tenant> own = Optional.ofNullable(config.tenants().get(tenant));
    RollbackConfig.FeatureFlag flag =
        own.flatMap(RollbackConfig.Tenant::featureFlag).orElse(config.featureFlag());
    RollbackConfig.Webhook hook =
        own.flatMap(RollbackConfig.Tenant::webhook).orElse(config.webhook());
    return new RollbackSettings(
        own.flatMap(RollbackConfig.Tenant::dryRun).orElse(config.dryRun()),
        Math.max(1, config.maxAttempts()),
        config.initialBackoff(),
        config.maxBackoff(),
        new Kubernetes(
            config.kubernetes().enabled(),
            own.flatMap(RollbackConfig.Tenant::namespace).orElse(config.kubernetes().namespace()),
            Map.copyOf(config.kubernetes().names())),
        flag.url()
            .filter(url -> !url.isBlank())
            .map(
                url ->
                    new FeatureFlag(
                        url,
                        flag.method(),
                        Map.copyOf(flag.headers()),
                        flag.contentType(),
                        flag.body(),
                        Map.copyOf(flag.flags()),
                        flag.timeout())),
        hook.url()
            .filter(url -> !url.isBlank())
            .map(
                url ->
                    new Webhook(
                        url,
                        Map.copyOf(hook.headers()),
                        List.copyOf(hook.methods()),
                        hook.timeout())));
  }
}
