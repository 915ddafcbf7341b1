package io.hotpath.tracker.config;

import io.hotpath.tracker.gate.GateRules;
import io.hotpath.tracker.validation.ValidationRules;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The limits that apply to one tenant's service, most specific first:
 *
 * <ol>
 *   <li>{@code hotpath.tracker.tenants."<tenant>".services."<service>".validation.<key>}
 *   <li>{@code hotpath.tracker.tenants."<tenant>".validation.<key>}
 *   <li>{@code hotpath.tracker.validation.<key>} (with DESIGN.md's defaults)
 * </ol>
 *
 * <p>and likewise {@code gate.<key>} for the CI gate. Each key is resolved on its own: a service
 * that sets only its endpoint ratio keeps its tenant's (or the global) startup ratio. A tenant or
 * service name with a dot must be quoted in the configuration; one with only letters, digits,
 * {@code -} and {@code _} may be written bare.
 */
public final class RuleLimits {
  private RuleLimits() {}

  /** The validation's limits for this tenant's service. */
  public static ValidationRules.Limits validation(
      TrackerConfig config, String tenant, String service) {
    List<TrackerConfig.ValidationLimits> levels = validationLevels(config, tenant, service);
    TrackerConfig.Validation global = config.validation();
    return new ValidationRules.Limits(
        pick(levels, TrackerConfig.ValidationLimits::startupRatio, global.startupRatio()),
        pick(levels, TrackerConfig.ValidationLimits::memoryRatio, global.memoryRatio()),
        pick(levels, TrackerConfig.ValidationLimits::endpointRatio, global.endpointRatio()),
        pick(
            levels,
            TrackerConfig.ValidationLimits::maxErrorRateIncrease,
            global.maxErrorRateIncrease()),
        pick(
            levels,
            TrackerConfig.ValidationLimits::minImprovementPercent,
            global.minImprovementPercent()));
  }

  /** How much cache and lock telemetry a version needs for this tenant's service. */
  public static ValidationRules.Minimums minimums(
      TrackerConfig config, String tenant, String service) {
    List<TrackerConfig.ValidationLimits> levels = validationLevels(config, tenant, service);
    TrackerConfig.Validation global = config.validation();
    return new ValidationRules.Minimums(
        pick(levels, TrackerConfig.ValidationLimits::minCacheRequests, global.minCacheRequests()),
        pick(levels, TrackerConfig.ValidationLimits::minLockProfiles, global.minLockProfiles()));
  }

  /** The gate's ratios for this tenant's service. */
  public static GateRules.Ratios gate(TrackerConfig config, String tenant, String service) {
    List<TrackerConfig.GateLimits> levels =
        levels(
            config,
            tenant,
            service,
            TrackerConfig.TenantLimits::gate,
            TrackerConfig.ServiceLimits::gate);
    TrackerConfig.Gate global = config.gate();
    return new GateRules.Ratios(
        pick(levels, TrackerConfig.GateLimits::startupRatio, global.startupRatio()),
        pick(levels, TrackerConfig.GateLimits::memoryRatio, global.memoryRatio()),
        pick(levels, TrackerConfig.GateLimits::endpointRatio, global.endpointRatio()));
  }

  private static List<TrackerConfig.ValidationLimits> validationLevels(
      TrackerConfig config, String tenant, String service) {
    return levels(
        config,
        tenant,
        service,
        TrackerConfig.TenantLimits::validation,
        TrackerConfig.ServiceLimits::validation);
  }

  /** The service's own limits, then its tenant's; only the levels that are configured. */
  private static <L> List<L> levels(
      TrackerConfig config,
      String tenant,
      String service,
      Function<TrackerConfig.TenantLimits, L> ofTenant,
      Function<TrackerConfig.ServiceLimits, L> ofService) {
    TrackerConfig.TenantLimits t = config.tenants().get(tenant);
    if (t == null) {
      return List.of();
    }
    TrackerConfig.ServiceLimits s = t.services().get(service);
    return Stream.of(s == null ? null : ofService.apply(s), ofTenant.apply(t))
        .filter(Objects::nonNull)
        .toList();
  }

  private static <L> double pick(List<L> levels, Function<L, OptionalDouble> key, double fallback) {
    for (L level : levels) {
      OptionalDouble value = key.apply(level);
      if (value.isPresent()) {
        return value.getAsDouble();
      }
    }
    return fallback;
  }
}
